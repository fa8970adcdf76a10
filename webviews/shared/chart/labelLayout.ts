// Where a chart's canvas labels go so they never cover one another: each label has candidate places in order of
// preference (a threshold's value just above its line, else just below, else stepped further away; a marker's on
// the lowest free row), and takes the first one inside the plot that touches no label placed before it. Pure
// geometry in canvas pixels, so it is unit-tested without a browser.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

const inside = (r: Rect, bounds: Rect): boolean => r.left >= bounds.left && r.right <= bounds.right && r.top >= bounds.top && r.bottom <= bounds.bottom;

/**
 * The first candidate inside `bounds` clear of every placed rect (by `gap`); when none is, the one that overlaps
 * the fewest, so a crowded chart still shows every label. The chosen rect is added to `placed`.
 */
export function place(candidates: readonly Rect[], placed: Rect[], bounds: Rect, gap = 2): Rect | undefined {
  const fitting = candidates.filter((c) => inside(c, bounds));
  const pool = fitting.length ? fitting : candidates;
  let best: Rect | undefined;
  let bestHits = Infinity;
  for (const c of pool) {
    const hits = placed.filter((p) => overlaps(c, p, gap)).length;
    if (hits < bestHits) {
      best = c;
      bestHits = hits;
      if (hits === 0) break;
    }
  }
  if (best) placed.push(best);
  return best;
}

/** A label's box with its text anchored at x (left, right or centre) and its top at y. */
export function labelBox(x: number, y: number, width: number, height: number, align: 'left' | 'right' | 'center', pad: number): Rect {
  const left = align === 'right' ? x - width : align === 'center' ? x - width / 2 : x;
  return { left: left - pad, top: y - 1, right: left + width + pad, bottom: y - 1 + height };
}

/**
 * A threshold value's places, anchored at the end of its segment: just above the line, just below it, then
 * alternately further above and below in label-height steps.
 */
export function thresholdCandidates(x: number, lineY: number, width: number, height: number, pad: number, steps = 4): Rect[] {
  const out = [labelBox(x, lineY - height - 2, width, height, 'right', pad), labelBox(x, lineY + 3, width, height, 'right', pad)];
  for (let i = 1; i <= steps; i++) out.push(labelBox(x, lineY - height - 2 - i * height, width, height, 'right', pad), labelBox(x, lineY + 3 + i * height, width, height, 'right', pad));
  return out;
}
