// Kubernetes resource quantities ("250m", "1", "123456789n", "512Mi", "1Gi", "1e3") as numbers, and how kubectl top
// prints them: CPU in millicores rounded up (Quantity.MilliValue), memory in MiB rounded down (Value / 2^20).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The quantity's value in base units (cores, bytes); undefined when it is not a quantity. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** CPU cores → whole millicores as kubectl top shows them (rounded up; a tiny float error does not add one). */
export function toMillicores(cores: number): number {
  return Math.ceil(Math.round(cores * 1e9) / 1e6);
}

/** Bytes → whole MiB as kubectl top shows them (rounded down). */
export function toMebibytes(bytes: number): number {
  return Math.floor(Math.round(bytes) / 2 ** 20);
}

/** "120m", or "1.25" cores from 1000m up, as an engineer reads CPU. */
export function formatCpu(cores: number): string {
  const m = toMillicores(cores);
  return m >= 1000 ? `${(m / 1000).toFixed(2).replace(/\.?0+$/, '')}` : `${m}m`;
}

/** "256Mi", or "1.5Gi" from 1024 MiB up. */
export function formatMemory(bytes: number): string {
  const mi = toMebibytes(bytes);
  return mi >= 1024 ? `${(mi / 1024).toFixed(2).replace(/\.?0+$/, '')}Gi` : `${mi}Mi`;
}
