// A duration as Go, kubectl, Runme's timeout attribute and PromQL write it: "1h", "10m", "1m30s", "3s".

/** Whole seconds → "1h2m3s" (units left out when zero; "0s" for nothing). */
export function compactDuration(seconds: number): string {
  let s = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3600], ['m', 60]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s || !parts.length) parts.push(`${s}s`);
  return parts.join('');
}
