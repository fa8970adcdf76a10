// Interleaves the lines several streams delivered in one flush by timestamp, so a workload's pods read
// as one timeline; each stream's own order is kept (a stable sort), untimed lines stay after their predecessor. Pure.

export interface Keyed {
  key: string;
}

/** Sorts `lines` in place (and returns it). An untimed line takes its predecessor's key, so it stays beside it. */
export function mergeByTime<T extends Keyed>(lines: T[]): T[] {
  let sorted = true;
  let previous = '';
  let max = '';
  for (const l of lines) {
    if (!l.key) l.key = previous;
    previous = l.key;
    if (l.key < max) sorted = false;
    else max = l.key;
  }
  if (sorted) return lines;
  return lines.sort(byKey);
}

function byKey(a: Keyed, b: Keyed): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
