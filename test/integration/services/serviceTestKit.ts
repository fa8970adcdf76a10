// Helpers for the service integration tests: Prometheus/Alertmanager API calls, and finding processes a test left behind.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

export interface ListeningSocket {
  pid: number;
  /** "127.0.0.1", "0.0.0.0", "::1", "::" … */
  address: string;
  port: number;
}

/**
 * The TCP sockets `pids` listen on, read from /proc as `ss -ltnp` would (no iproute2 needed): each
 * process's socket inodes from /proc/PID/fd, matched to the LISTEN rows of /proc/net/tcp and tcp6.
 */
export function listeningSockets(pids: readonly number[]): ListeningSocket[] {
  const owner = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) owner.set(m[1], pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  const out: ListeningSocket[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = row.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A = LISTEN
      const pid = owner.get(f[9]);
      if (pid === undefined) continue;
      const [hexAddr, hexPort] = f[1].split(':');
      out.push({ pid, address: procAddress(hexAddr), port: parseInt(hexPort, 16) });
    }
  }
  return out;
}

/** /proc/net's little-endian hex address: 0100007F → 127.0.0.1; 32 hex digits → IPv6 ("::1", "::", or the full form). */
function procAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  const words: string[] = [];
  for (let w = 0; w < 4; w++) {
    const le = hex.slice(w * 8, w * 8 + 8);
    words.push(le.slice(6, 8) + le.slice(4, 6) + le.slice(2, 4) + le.slice(0, 2));
  }
  const full = words.join('').toLowerCase();
  if (full === '0'.repeat(31) + '1') return '::1';
  if (full === '0'.repeat(32)) return '::';
  return full.match(/.{4}/g)!.join(':');
}
