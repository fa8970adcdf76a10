// The order of namespace rows when hundreds are shown: the cockpit's selected namespace first (the
// user's own), then those with degraded deployments (what an incident is about), then the rest by name.

export function orderNamespaces(names: Iterable<string>, selected: string | undefined, degradedIn: (namespace: string) => number): string[] {
  const rank = (ns: string) => (ns === selected ? 0 : degradedIn(ns) > 0 ? 1 : 2);
  return [...names].map((ns) => ({ ns, rank: rank(ns) })).sort((a, b) => a.rank - b.rank || a.ns.localeCompare(b.ns)).map((x) => x.ns);
}

/** "1,500 of ~10,011 deployments" while a list arrives in pages ("1,500 deployments so far" when the server gives no estimate). */
export function loadingProgress(loaded: number | undefined, remaining: number | undefined, what: string): string {
  if (!loaded) return 'waiting for the first page';
  const n = (x: number) => x.toLocaleString('en-US');
  return remaining !== undefined ? `${n(loaded)} of ~${n(loaded + remaining)} ${what}` : `${n(loaded)} ${what} so far`;
}
