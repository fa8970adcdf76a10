// Log tail under load: 50 pods × 1,000 lines/s for 30 s through the cockpit's whole tail pipeline
// (streams, seam de-duplication, merging, the spool file, the batch serialised as the panel posts it):
// lines delivered ÷ lines emitted, event-loop delay p99 of this process, and throughput against
// `kubectl logs -f -l app=X --prefix --max-log-requests=50` on the same simulator.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { V1Pod } from '@kubernetes/client-node';
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { WorkloadsClient } from '../src/clients/kubernetes/workloadsClient';
import { LogSpool } from '../src/domain/logs/logSpool';
import { LogTail } from '../src/domain/logs/logTail';
import { TailRecorder } from '../src/domain/logs/tailRecorder';
import type { Comparison } from './harness';
import { startSandboxProcess } from './sandboxProcess';

const PODS = 50;
const RATE = 1000;
const SECONDS = Number(process.env.PHOENIX_BENCH_TAIL_SECONDS ?? 30);
const NS = 'load-0001';
const APP = 'svc-0001';

export interface TailRun {
  delivered: number;
  emitted: number;
  duplicates: number;
  lost: number;
  /** How long after the window closed its last lines arrived (a reader that falls behind lags). */
  drainMs: number;
  linesPerSecond: number;
  loopP99Ms?: number;
  cpuPercent: number;
  simCpuPercent: number;
}

const second = { prefix: '', ms: 0 };

/** Line k of a simulated container is written in slot [start + k/rate, start + (k+1)/rate): its timestamp gives k. */
function slot(ts: string, startMs: number): number {
  const prefix = ts.slice(0, 19);
  if (prefix !== second.prefix) {
    second.prefix = prefix;
    second.ms = Date.parse(`${prefix}Z`);
  }
  const ns = (second.ms - startMs) * 1e6 + Number(ts.slice(20, ts.length - 1).padEnd(9, '0'));
  return Math.floor((ns * RATE) / 1e9);
}

function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
}

/**
 * Counts, per pod, the lines delivered against the slots written during the measured window: each
 * stream delivers its lines in order, so a jump in k is that many lines lost and a k not above the
 * last one is a duplicate. After the window closes, lines still on their way are counted while the
 * tail drains (a slow reader lags, it does not lose). O(1) per line.
 */
class Accuracy {
  private readonly pods = new Map<string, { first: number; last: number; inWindow: number; cut?: number }>();
  delivered = 0;
  lost = 0;
  duplicates = 0;
  private closedAt: number | undefined;

  constructor(private readonly startOf: Map<string, number>) {}

  add(pod: string, ts: string): void {
    const start = this.startOf.get(pod);
    if (start === undefined || !ts) return;
    const k = slot(ts, start);
    const p = this.pods.get(pod);
    if (!p) {
      if (this.closedAt !== undefined) return;
      this.pods.set(pod, { first: k, last: k, inWindow: 1 });
      this.delivered++;
      return;
    }
    if (p.cut !== undefined && k > p.cut) return; // written after the window
    this.delivered++;
    if (k <= p.last) this.duplicates++;
    else {
      this.lost += k - p.last - 1;
      p.last = k;
      p.inWindow++;
    }
  }

  /** Ends the window: lines written later are not counted. */
  close(atMs: number): void {
    this.closedAt = atMs;
    for (const [pod, p] of this.pods) p.cut = Math.floor(((atMs - this.startOf.get(pod)!) * RATE) / 1000) - 1;
  }

  /** Every pod has delivered its last line of the window. */
  get drained(): boolean {
    return [...this.pods.values()].every((p) => p.cut !== undefined && p.last >= p.cut);
  }

  result(): { emitted: number; arrived: number } {
    let emitted = 0;
    let arrived = 0;
    for (const p of this.pods.values()) {
      emitted += (p.cut ?? p.last) - p.first + 1;
      arrived += p.inWindow;
    }
    return { emitted, arrived };
  }
}

/** Closes the window at `end`, then waits (≤ 15 s) for lines still in flight; returns how long that took. */
async function drain(acc: Accuracy, end: number): Promise<number> {
  acc.close(end);
  while (!acc.drained && Date.now() - end < 15_000) await new Promise((r) => setTimeout(r, 50));
  return Date.now() - end;
}

async function startTimes(client: WorkloadsClient): Promise<Map<string, number>> {
  const pods = await client.podsOf(NS, `app=${APP}`);
  if (!pods.ok) throw new Error(pods.error.message);
  return new Map(pods.value.map((p: V1Pod) => [p.metadata?.name ?? '', Date.parse(String(p.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? ''))]));
}

async function cockpitRun(client: WorkloadsClient, simPid: number): Promise<TailRun> {
  const startOf = await startTimes(client);
  if (startOf.size !== PODS) throw new Error(`expected ${PODS} pods, found ${startOf.size}`);
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-bench-tail-'));
  const spool = await LogSpool.create(join(dir, 'spool.log'));
  const recorder = new TailRecorder(spool, 10_000);
  const acc = new Accuracy(startOf);
  let posted = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const tail = new LogTail(
    { pods: (ns, sel) => client.source('pods', ns, sel), follow: (req, h, s) => client.followLog(req, h, s) },
    { namespace: NS, labelSelector: `app=${APP}`, tailLines: 0, maxStreams: 100 },
    {
      onSource: (s) => recorder.addSource(s.id, s.pod, s.container),
      onLines: (lines) => {
        for (const l of lines) acc.add(recorder.sources[l.source]?.pod ?? '', l.ts);
        // What the panel does with a batch: spool it, keep the last lines, serialise the message it posts.
        const { show } = recorder.record(lines);
        posted += JSON.stringify({ type: 'lines', payload: show }).length;
      },
      onNotice: () => undefined,
    },
  );
  const cpu0 = process.cpuUsage();
  const sim0 = cpuTicks(simPid);
  const t0 = Date.now();
  loop.enable();
  tail.start();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const end = Date.now();
  const deliveredInWindow = acc.delivered;
  const cpu = process.cpuUsage(cpu0);
  const simCpu = cpuTicks(simPid) - sim0;
  loop.disable();
  const drainMs = await drain(acc, end);
  tail.stop();
  await spool.dispose();
  rmSync(dir, { recursive: true, force: true });
  const { emitted, arrived } = acc.result();
  if (posted === 0) throw new Error('nothing was posted');
  return {
    delivered: arrived,
    emitted,
    duplicates: acc.duplicates,
    lost: acc.lost,
    drainMs,
    linesPerSecond: deliveredInWindow / ((end - t0) / 1000),
    loopP99Ms: loop.percentile(99) / 1e6,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / (end - t0)) * 100,
    simCpuPercent: (simCpu * 10 * 100) / (end - t0),
  };
}

async function kubectlRun(kubeconfig: string, home: string, client: WorkloadsClient, simPid: number): Promise<TailRun> {
  const startOf = await startTimes(client);
  const acc = new Accuracy(startOf);
  const sim0 = cpuTicks(simPid);
  const t0 = Date.now();
  const child = spawn('kubectl', [`--kubeconfig=${kubeconfig}`, '--context=phoenix-dev', '-n', NS, 'logs', '-f', '-l', `app=${APP}`, '--prefix', '--max-log-requests=50', '--tail=0', '--timestamps'], { env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'ignore'] });
  let partial = '';
  child.stdout.on('data', (c: Buffer) => {
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      // [pod/svc-0001-abc-xyz/echo] 2026-…Z text
      const close = l.indexOf('] ');
      const pod = l.slice(5, l.indexOf('/', 5));
      const ts = l.slice(close + 2, l.indexOf(' ', close + 2));
      acc.add(pod, ts);
    }
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const end = Date.now();
  const deliveredInWindow = acc.delivered;
  const simCpu = cpuTicks(simPid) - sim0;
  const drainMs = await drain(acc, end);
  child.kill('SIGKILL');
  const { emitted, arrived } = acc.result();
  return { delivered: arrived, emitted, duplicates: acc.duplicates, lost: acc.lost, drainMs, linesPerSecond: deliveredInWindow / ((end - t0) / 1000), cpuPercent: Number.NaN, simCpuPercent: (simCpu * 10 * 100) / (end - t0) };
}

export async function logTailBench(home: string): Promise<{ comparison: Comparison; ours: TailRun; kubectl: TailRun }> {
  const sandbox = await startSandboxProcess(['--load', `1x1x${PODS}`, '--log-rate', String(RATE)]);
  try {
    const cfg = loadKubeconfig({ kubeconfigEnv: sandbox.info.kubeconfigPath, extraFiles: [] }).configFor('phoenix-dev');
    if (!cfg.ok) throw new Error(cfg.message);
    const client = new WorkloadsClient('phoenix-dev', cfg.config, 30_000);
    const ours = await cockpitRun(client, sandbox.pid);
    const theirs = await kubectlRun(sandbox.info.kubeconfigPath, home, client, sandbox.pid);
    const per100k = (r: TailRun) => (100_000 / r.linesPerSecond) * 1000;
    const pct = (r: TailRun) => `${((100 * r.delivered) / Math.max(1, r.emitted)).toFixed(2)}%`;
    return {
      ours,
      kubectl: theirs,
      comparison: {
        name: `Log tail: ${PODS} pods × ${RATE} lines/s, ${SECONDS} s`,
        ours: { label: 'cockpit tail pipeline, time per 100k lines', ms: per100k(ours) },
        theirs: { label: 'kubectl logs -f -l --prefix --max-log-requests=50', ms: per100k(theirs) },
        notes: [
          `cockpit: ${Math.round(ours.linesPerSecond).toLocaleString('en')} lines/s, delivered ÷ emitted ${pct(ours)} (${ours.delivered.toLocaleString('en')} of ${ours.emitted.toLocaleString('en')}; ${ours.lost} lost, ${ours.duplicates} duplicated; last line ${ours.drainMs} ms after the window), event-loop delay p99 ${ours.loopP99Ms?.toFixed(1)} ms, CPU ${ours.cpuPercent.toFixed(0)}% of a core`,
          `kubectl: ${Math.round(theirs.linesPerSecond).toLocaleString('en')} lines/s, delivered ÷ emitted ${pct(theirs)} (${theirs.delivered.toLocaleString('en')} of ${theirs.emitted.toLocaleString('en')}; ${theirs.lost} lost, ${theirs.duplicates} duplicated; last line ${theirs.drainMs} ms after the window)`,
          `simulator CPU while serving: ${ours.simCpuPercent.toFixed(0)}% (cockpit run), ${theirs.simCpuPercent.toFixed(0)}% (kubectl run) of one core`,
        ],
      },
    };
  } finally {
    await sandbox.stop();
  }
}
