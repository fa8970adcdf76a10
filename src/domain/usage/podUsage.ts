// A pod's and its containers' CPU and memory use (from metrics.k8s.io PodMetrics) set against the containers'
// requests and limits: the figures a row shows, and whether it is near a limit (≥ 90 %: the kubelet throttles CPU
// there and the OOM killer ends a container that crosses its memory limit).
import { formatCpu, formatMemory, parseQuantity, toMebibytes, toMillicores } from './quantity';

export const NEAR_LIMIT_RATIO = 0.9;

export interface ResourceFigures {
  /** Use in base units (cores, bytes). */
  used: number;
  request?: number;
  limit?: number;
}

export interface ContainerUsage {
  name: string;
  cpu: ResourceFigures;
  memory: ResourceFigures;
}

export interface PodUsage {
  namespace: string;
  name: string;
  /** When metrics-server sampled it (ISO). */
  timestamp?: string;
  cpu: ResourceFigures;
  memory: ResourceFigures;
  containers: ContainerUsage[];
}

export type UsageLevel = 'ok' | 'nearLimit' | 'overLimit';

/** Shapes of the JSON read here (PodMetrics and a pod's spec), loose: the server's text is data. */
export interface PodMetricsLike {
  metadata?: { name?: string; namespace?: string };
  timestamp?: string;
  containers?: Array<{ name?: string; usage?: Record<string, unknown> }>;
}
export interface PodSpecLike {
  containers?: Array<{ name?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }>;
}

const sum = (xs: Array<number | undefined>): number | undefined => (xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((a, b) => a + (b ?? 0), 0));

/**
 * The usage of one pod; requests and limits from its spec when known. A pod's request (limit) is the sum of its
 * containers' — unknown when any container has none, as then nothing bounds the pod.
 */
export function podUsage(m: PodMetricsLike, spec?: PodSpecLike): PodUsage {
  const containers: ContainerUsage[] = (m.containers ?? []).map((c) => {
    const res = spec?.containers?.find((s) => s.name === c.name)?.resources;
    return {
      name: c.name ?? '',
      cpu: { used: parseQuantity(c.usage?.cpu) ?? 0, request: parseQuantity(res?.requests?.cpu), limit: parseQuantity(res?.limits?.cpu) },
      memory: { used: parseQuantity(c.usage?.memory) ?? 0, request: parseQuantity(res?.requests?.memory), limit: parseQuantity(res?.limits?.memory) },
    };
  });
  const total = (k: 'cpu' | 'memory'): ResourceFigures => ({
    used: containers.reduce((a, c) => a + c[k].used, 0),
    request: containers.length ? sum(containers.map((c) => c[k].request)) : undefined,
    limit: containers.length ? sum(containers.map((c) => c[k].limit)) : undefined,
  });
  return { namespace: m.metadata?.namespace ?? '', name: m.metadata?.name ?? '', timestamp: m.timestamp, cpu: total('cpu'), memory: total('memory'), containers };
}

/** How close use is to the limit: no limit → ok (nothing to hit). */
export function levelOf(f: ResourceFigures): UsageLevel {
  if (f.limit === undefined || f.limit <= 0) return 'ok';
  const r = f.used / f.limit;
  if (r >= 1) return 'overLimit';
  return r >= NEAR_LIMIT_RATIO ? 'nearLimit' : 'ok';
}

/** The worse of a pod's or container's two levels. */
export function worstLevel(u: { cpu: ResourceFigures; memory: ResourceFigures }): UsageLevel {
  const order: UsageLevel[] = ['ok', 'nearLimit', 'overLimit'];
  return order[Math.max(order.indexOf(levelOf(u.cpu)), order.indexOf(levelOf(u.memory)))];
}

/** "cpu 120m · mem 256Mi", kubectl top's figures. */
export function usageText(u: { cpu: ResourceFigures; memory: ResourceFigures }): string {
  return `cpu ${formatCpu(u.cpu.used)} · mem ${formatMemory(u.memory.used)}`;
}

const pct = (used: number, of: number | undefined) => (of && of > 0 ? `${Math.round((used / of) * 100)}%` : undefined);

/** "cpu 480m of 500m limit (96%)" / "mem 146Mi, 57% of 256Mi request, no limit": what the tooltip and a screen reader say. */
export function figuresText(kind: 'cpu' | 'memory', f: ResourceFigures): string {
  const fmt = kind === 'cpu' ? formatCpu : formatMemory;
  const head = `${kind === 'cpu' ? 'cpu' : 'memory'} ${fmt(f.used)}`;
  const parts = [f.limit !== undefined ? `${pct(f.used, f.limit)} of ${fmt(f.limit)} limit` : 'no limit'];
  if (f.request !== undefined) parts.push(`${pct(f.used, f.request)} of ${fmt(f.request)} request`);
  return `${head} (${parts.join(', ')})`;
}

/** The words a warning says: "memory at 95% of its limit". */
export function warningText(u: { cpu: ResourceFigures; memory: ResourceFigures }): string | undefined {
  const out: string[] = [];
  for (const k of ['cpu', 'memory'] as const) {
    const lvl = levelOf(u[k]);
    if (lvl !== 'ok') out.push(`${k === 'cpu' ? 'CPU' : 'memory'} at ${pct(u[k].used, u[k].limit)} of its limit`);
  }
  return out.length ? out.join(', ') : undefined;
}

export type UsageSort = 'name' | 'cpu' | 'memory';

/**
 * Orders rows by use, highest first (like `kubectl top --sort-by`); rows without usage go last, in name order; 'name'
 * keeps the given order. Stable.
 */
export function sortByUsage<T>(rows: readonly T[], sort: UsageSort, usageOf: (row: T) => PodUsage | undefined, nameOf: (row: T) => string): T[] {
  if (sort === 'name') return [...rows];
  const key = (r: T) => usageOf(r)?.[sort].used;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? nameOf(a).localeCompare(nameOf(b)) : ka === undefined ? 1 : -1;
    return kb - ka || nameOf(a).localeCompare(nameOf(b));
  });
}

/** Millicores and MiB as kubectl top prints a row (integration tests compare the two). */
export function topFigures(u: { cpu: ResourceFigures; memory: ResourceFigures }): { cpuMillis: number; memoryMi: number } {
  return { cpuMillis: toMillicores(u.cpu.used), memoryMi: toMebibytes(u.memory.used) };
}
