// Helpers for the service integration tests: Prometheus/Alertmanager API calls, and finding processes a test left behind.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query through Prometheus' HTTP API. */
export async function promQuery(prometheusUrl: string, query: string): Promise<PromSample[]> {
  const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: PromSample[] } };
  if (body.status !== 'success' || !body.data) throw new Error(`query failed: ${body.error ?? res.status}`);
  return body.data.result;
}

/** The single value of a query that returns one series, or undefined when it returns none (yet). */
export async function promScalar(prometheusUrl: string, query: string): Promise<number | undefined> {
  const [first] = await promQuery(prometheusUrl, query);
  return first ? Number(first.value[1]) : undefined;
}

export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: { state: string };
  startsAt: string;
}

export async function getAlerts(alertmanagerUrl: string, filter?: string): Promise<AmAlert[]> {
  const q = filter ? `?filter=${encodeURIComponent(filter)}` : '';
  const res = await fetch(`${alertmanagerUrl}/api/v2/alerts${q}`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET /api/v2/alerts: HTTP ${res.status}`);
  return (await res.json()) as AmAlert[];
}

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

function processTable(): Proc[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
}

/** Processes whose command line mentions one of `needles`, plus all their descendants (postgres' workers don't name the data dir). */
export function processesOf(needles: readonly string[]): Proc[] {
  const all = processTable();
  const found = new Map<number, Proc>();
  for (const p of all) if (needles.some((n) => p.args.includes(n))) found.set(p.pid, p);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

/** Which of `pids` still run (zombies count as gone: in a container nobody may reap an orphan, but it holds nothing). */
export function alive(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  });
}
