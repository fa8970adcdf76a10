// CPU time of a process and all its descendants, from /proc (Linux): the sandbox runs Prometheus, Alertmanager and
// PostgreSQL in process groups of their own, so a process-group or session sum would miss them.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ; 100 on Linux on every architecture Node runs on). */
const TICKS_PER_SECOND = 100;

export interface ProcessCpu {
  pid: number;
  /** The command name (/proc/<pid>/stat's comm, e.g. node, prometheus, postgres). */
  name: string;
  /** User plus system CPU time so far, in ms. */
  cpuMs: number;
}

function stat(pid: number): { ppid: number; name: string; cpuMs: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces: the fields after its closing one are fixed.
    const close = s.lastIndexOf(')');
    const name = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    // After comm: state(0) ppid(1) … utime(11) stime(12).
    return { ppid: Number(f[1]), name, cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** `root` and every process descending from it, with their CPU time so far. */
export function processTreeCpu(root: number): ProcessCpu[] {
  const all = new Map<number, { ppid: number; name: string; cpuMs: number }>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const s = stat(Number(e));
    if (s) all.set(Number(e), s);
  }
  const out: ProcessCpu[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    const s = all.get(pid);
    if (!s) continue;
    out.push({ pid, name: s.name, cpuMs: s.cpuMs });
    for (const [child, c] of all) if (c.ppid === pid) queue.push(child);
  }
  return out;
}

export interface TreeCpuUse {
  /** CPU ms per wall-clock second over the window, of all processes together (100 = 10 % of one core). */
  msPerSecond: number;
  /** Per command name (node, prometheus, postgres …), ms per second, largest first. */
  byName: { name: string; msPerSecond: number; processes: number }[];
  seconds: number;
}

/** Samples the tree's CPU time at the start and end of `seconds`: processes that appear meanwhile count from 0. */
export async function treeCpuUse(root: number, seconds: number): Promise<TreeCpuUse> {
  const before = new Map(processTreeCpu(root).map((p) => [p.pid, p.cpuMs]));
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = processTreeCpu(root);
  const wall = (performance.now() - t0) / 1000;
  const byName = new Map<string, { ms: number; processes: number }>();
  let total = 0;
  for (const p of after) {
    const used = p.cpuMs - (before.get(p.pid) ?? 0);
    total += used;
    const n = byName.get(p.name) ?? { ms: 0, processes: 0 };
    n.ms += used;
    n.processes++;
    byName.set(p.name, n);
  }
  return {
    msPerSecond: total / wall,
    byName: [...byName].map(([name, n]) => ({ name, msPerSecond: n.ms / wall, processes: n.processes })).sort((a, b) => b.msPerSecond - a.msPerSecond),
    seconds: wall,
  };
}
