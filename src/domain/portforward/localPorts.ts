// The local port a forward listens on: the remote port itself when it is unprivileged and free (8080 → 8080, what
// people type), otherwise the next free one above it; a user's own choice is checked and, when taken, another proposed.
export const MIN_LOCAL_PORT = 1024;
export const MAX_PORT = 65535;

/** Ports to try for `remote`, best first: the same number (if ≥ 1024), then upwards, then from 10000 + remote. */
export function* candidatePorts(remote: number): Generator<number> {
  const seen = new Set<number>();
  const emit = function* (p: number) {
    if (p >= MIN_LOCAL_PORT && p <= MAX_PORT && !seen.has(p)) {
      seen.add(p);
      yield p;
    }
  };
  yield* emit(remote);
  for (let p = remote + 1; p < remote + 20; p++) yield* emit(p);
  const base = remote < MIN_LOCAL_PORT ? 10000 + remote : 20000 + (remote % 10000);
  for (let p = base; p < base + 100; p++) yield* emit(p);
}

/** The first candidate `isFree` accepts (it probes by listening), or undefined when all of them are taken. */
export async function proposeLocalPort(remote: number, isFree: (port: number) => Promise<boolean>, exclude: ReadonlySet<number> = new Set()): Promise<number | undefined> {
  for (const p of candidatePorts(remote)) {
    if (exclude.has(p)) continue;
    if (await isFree(p)) return p;
  }
  return undefined;
}

/** What is wrong with a typed local port, or undefined when it is a usable number. */
export function localPortError(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'Type a port number, e.g. 8080.';
  const n = Number(t);
  if (n < MIN_LOCAL_PORT) return `Ports below ${MIN_LOCAL_PORT} need root: choose ${MIN_LOCAL_PORT}–${MAX_PORT}.`;
  if (n > MAX_PORT) return `A port is at most ${MAX_PORT}.`;
  return undefined;
}
