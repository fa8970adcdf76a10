// What a node row says: Ready / NotReady and SchedulingDisabled like `kubectl get nodes`, roles, kubelet version,
// pressure conditions that are on, capacity and allocatable, and its use against allocatable (from NodeMetrics,
// like `kubectl top nodes`). Pure.
import { formatCpu, formatMemory, parseQuantity } from '../usage/quantity';

/** Loose shapes of a Node and a NodeMetrics as JSON (server text is data). */
export interface NodeLike {
  metadata?: { name?: string; labels?: Record<string, string>; creationTimestamp?: Date | string };
  spec?: { unschedulable?: boolean; taints?: Array<{ key?: string; effect?: string }> };
  status?: {
    conditions?: Array<{ type?: string; status?: string; reason?: string; message?: string }>;
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    nodeInfo?: { kubeletVersion?: string };
    addresses?: Array<{ type?: string; address?: string }>;
  };
}
export interface NodeMetricsLike {
  metadata?: { name?: string };
  timestamp?: string;
  usage?: Record<string, unknown>;
}

export interface NodeResources {
  cpu?: number;
  memory?: number;
  pods?: number;
}

export interface NodeSummary {
  name: string;
  /** Ready condition: True → ready, False → notReady, missing/Unknown → unknown (a node that stopped reporting). */
  ready: 'ready' | 'notReady' | 'unknown';
  /** kubectl's STATUS column: "Ready", "Ready,SchedulingDisabled", "NotReady". */
  status: string;
  unschedulable: boolean;
  roles: string[];
  kubeletVersion: string;
  internalIP?: string;
  /** Conditions other than Ready that are True (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable). */
  pressures: string[];
  capacity: NodeResources;
  allocatable: NodeResources;
  createdMs?: number;
}

export interface NodeUsage {
  cpu: number;
  memory: number;
  /** Percent of allocatable, as kubectl top nodes prints (rounded down). */
  cpuPercent?: number;
  memoryPercent?: number;
}

const resources = (r: Record<string, string> | undefined): NodeResources => ({ cpu: parseQuantity(r?.cpu), memory: parseQuantity(r?.memory), pods: parseQuantity(r?.pods) });

export function summarizeNode(n: NodeLike): NodeSummary {
  const conditions = n.status?.conditions ?? [];
  const readyCond = conditions.find((c) => c.type === 'Ready');
  const ready = readyCond?.status === 'True' ? 'ready' : readyCond?.status === 'False' ? 'notReady' : 'unknown';
  const unschedulable = n.spec?.unschedulable === true;
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  const created = n.metadata?.creationTimestamp;
  const createdMs = created === undefined ? undefined : new Date(created).getTime();
  return {
    name: n.metadata?.name ?? '',
    ready,
    status: [ready === 'ready' ? 'Ready' : ready === 'notReady' ? 'NotReady' : 'Unknown', ...(unschedulable ? ['SchedulingDisabled'] : [])].join(','),
    unschedulable,
    roles: [...roles].sort(),
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? '',
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address,
    pressures: conditions.filter((c) => c.type !== 'Ready' && c.status === 'True' && c.type).map((c) => c.type ?? ''),
    capacity: resources(n.status?.capacity),
    allocatable: resources(n.status?.allocatable),
    createdMs: Number.isFinite(createdMs) ? createdMs : undefined,
  };
}

/** kubectl top nodes' figures: use, and percent of allocatable (floor, as it prints). */
export function nodeUsage(m: NodeMetricsLike, s: NodeSummary): NodeUsage {
  const cpu = parseQuantity(m.usage?.cpu) ?? 0;
  const memory = parseQuantity(m.usage?.memory) ?? 0;
  // kubectl divides milli-values, which round up (Quantity.MilliValue): 771.9m of 3860m is 772 / 3860, 20 % — not 19.99… → 19.
  const milli = (q: number) => Math.ceil(Math.round(q * 1e9) / 1e6);
  const pct = (used: number, of: number | undefined) => (of && of > 0 ? Math.floor((milli(used) / milli(of)) * 100) : undefined);
  return { cpu, memory, cpuPercent: pct(cpu, s.allocatable.cpu), memoryPercent: pct(memory, s.allocatable.memory) };
}

/** "cpu 460m (11%) · mem 2Gi (13%)". */
export function nodeUsageText(u: NodeUsage): string {
  const p = (n: number | undefined) => (n === undefined ? '' : ` (${n}%)`);
  return `cpu ${formatCpu(u.cpu)}${p(u.cpuPercent)} · mem ${formatMemory(u.memory)}${p(u.memoryPercent)}`;
}

/** "4 cpu · 15.6Gi · 110 pods" for capacity or allocatable. */
export function resourcesText(r: NodeResources): string {
  return [r.cpu !== undefined ? `${formatCpu(r.cpu)} cpu` : '', r.memory !== undefined ? formatMemory(r.memory) : '', r.pods !== undefined ? `${r.pods} pods` : ''].filter(Boolean).join(' · ');
}
