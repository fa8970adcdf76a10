// Progressive delivery benchmarks, against the sandbox (its own process, real Prometheus) with plans
// time-scaled ×0.05 and traffic sped up to match:
//   - breach → rollback started: from the moment a check window first holds the -bad canary's traffic to
//     the rollback, against Flagger's figure for the same plan (interval × threshold: it rolls back after
//     `threshold` failed checks, one per interval);
//   - the driver's CPU per check with 20 rollouts running at once (the cockpit's process only).
// Runs alone with: npm run build && node out/bench/rolloutBench.js
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AlertmanagerClient } from '../src/clients/alertmanager/alertmanagerClient';
import { KubeClient } from '../src/clients/kubernetes/kubeClient';
import { KubeHttp } from '../src/clients/kubernetes/kubeHttp';
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { RolloutsClient } from '../src/clients/kubernetes/rolloutsClient';
import { PrometheusClient } from '../src/clients/prometheus/prometheusClient';
import type { CanaryPlan } from '../src/domain/rollouts/canaryPlan';
import { RolloutDriver } from '../src/domain/rollouts/driver/rolloutDriver';
import type { RolloutSnapshot } from '../src/domain/rollouts/driver/rolloutRunner';
import { alertmanagerAlerts, prometheusMetrics } from '../src/domain/rollouts/driver/serviceAdapters';
import { scaledWindow } from '../src/domain/rollouts/gateQueries';
import { parsePlan } from '../src/domain/rollouts/planParser';
import { GUIDE_000_FLAGGER_PLAN, GUIDE_001_PLAN } from '../src/domain/rollouts/shippedPlans';
import { type Comparison, printComparisons } from './harness';
import { startSandboxProcess } from './sandboxProcess';

const SCALE = 0.05;
const CONTEXT = 'phoenix-dev';
const NS = 'phoenix-system';

function plan(yaml: string): CanaryPlan {
  const r = parsePlan(yaml);
  if (!r.ok) throw new Error('plan does not parse');
  return r.plan;
}

async function until<T>(what: string, fn: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function rolloutBenches(home: string): Promise<Comparison[]> {
  const sandbox = await startSandboxProcess(['--rollout-time-scale', String(SCALE)], 180_000, { services: true });
  const kc = loadKubeconfig({ kubeconfigEnv: sandbox.info.kubeconfigPath, extraFiles: [] });
  const cfg = kc.configFor(CONTEXT);
  if (!cfg.ok) throw new Error(cfg.message);
  const client = new RolloutsClient(CONTEXT, new KubeHttp(cfg.config, 10_000), new KubeClient(CONTEXT, cfg.config, 10_000));
  const prometheus = new PrometheusClient({ baseUrl: sandbox.info.prometheusUrl ?? '', timeoutMs: 5000 });
  const alertmanager = new AlertmanagerClient({ baseUrl: sandbox.info.alertmanagerUrl ?? '', timeoutMs: 5000 });
  const queryTimes: number[] = [];
  const metrics = prometheusMetrics(() => prometheus);
  const timedMetrics = {
    query: async (expr: string, signal?: AbortSignal) => {
      const t = performance.now();
      const r = await metrics.query(expr, signal);
      queryTimes.push(performance.now() - t);
      return r;
    },
  };
  const driver = new RolloutDriver({ metrics: timedMetrics, alerts: alertmanagerAlerts(() => [alertmanager]), audit: { record: () => undefined }, identity: 'bench', now: Date.now, log: () => undefined }, () => client);
  const kubectl = (...args: string[]) => promisify(execFile)('kubectl', [`--kubeconfig=${sandbox.info.kubeconfigPath}`, `--context=${CONTEXT}`, '-n', NS, ...args], { env: { ...process.env, HOME: home } });
  const results: Comparison[] = [];
  try {
    driver.watchContext(CONTEXT);
    // 1. Breach → rollback started, for guide 001 (threshold 1) and guide 000's Flagger analysis (threshold 5).
    for (const [name, yaml] of [['guide 001', GUIDE_001_PLAN], ['guide 000 (Flagger analysis)', GUIDE_000_FLAGGER_PLAN]] as const) {
      const p = plan(yaml);
      const delays: number[] = [];
      for (let run = 0; run < 3; run++) {
        const prepared = await driver.prepare(CONTEXT, { namespace: NS, deployment: 'platform-api', image: `ghcr.io/phoenix/platform-api:2.0.${run}-bad`, plan: p, timeScale: SCALE, by: 'bench' });
        if (!prepared.ok) throw new Error(prepared.message);
        const started = await driver.start(CONTEXT, prepared.prepared);
        if (!started.ok) throw new Error(started.message);
        const done = await until('the rollback', () => {
          const s = driver.find(CONTEXT, NS, 'platform-api');
          return s?.state?.status === 'rolledBack' && s.state.id === prepared.prepared.state.id ? s : undefined;
        }, 120_000);
        const st = done.state!;
        const visible = Date.parse(st.servingSince ?? '') + scaledWindow(st.plan, SCALE) * 1000;
        const rollbackCheck = [...done.checks].reverse().find((c) => c.kind === 'fail');
        delays.push(Date.parse(rollbackCheck?.at ?? st.endedAt ?? '') - visible);
      }
      const interval = p.intervalSeconds * SCALE * 1000;
      results.push({
        name: `breach → rollback started, ${name}`,
        ours: { label: `median of 3, plan ×${SCALE}`, ms: median(delays) },
        theirs: { label: `Flagger: interval × threshold = ${interval / 1000} s × ${p.failureThreshold}`, ms: interval * p.failureThreshold },
        notes: [`goal: ≤ interval × threshold + query time = ${((interval * p.failureThreshold) / 1000).toFixed(1)} s + ${median(queryTimes).toFixed(0)} ms; runs: ${delays.map((d) => `${(d / 1000).toFixed(2)} s`).join(', ')}; real time: ×${1 / SCALE}`],
      });
    }

    // 2. The driver's CPU per check with 20 rollouts at once (benchmark apps of their own, plan without a sample-size guard).
    const apps = Array.from({ length: 20 }, (_, i) => `bench-app-${String(i).padStart(2, '0')}`);
    const manifest = apps
      .map((a) => [
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${a}, namespace: ${NS}, labels: {app: ${a}, track: primary}}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: ${a}, track: primary}}\n  template:\n    metadata: {labels: {app: ${a}, track: primary}}\n    spec: {containers: [{name: ${a}, image: 'ghcr.io/phoenix/${a}:1.0.0'}]}`,
        `apiVersion: v1\nkind: Service\nmetadata: {name: ${a}, namespace: ${NS}}\nspec: {selector: {app: ${a}, track: primary}, ports: [{name: http, port: 8080, targetPort: 8080}]}`,
        `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${a}, namespace: ${NS}}\nspec: {ingressClassName: nginx, rules: [{host: ${a}.bench.local, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${a}, port: {number: 8080}}}}]}}]}`,
      ].join('\n---\n'))
      .join('\n---\n');
    const file = join(home, 'bench-apps.yaml');
    writeFileSync(file, manifest);
    await kubectl('apply', '--validate=false', '-f', file);
    // The benchmark apps get the fallback traffic profile (50 ms median): a 1 s latency bar keeps them running.
    const base = plan(GUIDE_001_PLAN);
    const steady: CanaryPlan = { ...base, minRequests: 0, inconclusiveLimit: 1000, phases: base.phases.map((ph) => ({ ...ph, thresholds: { ...ph.thresholds, 'p95-latency': 1 } })) };
    for (const a of apps) {
      const prepared = await driver.prepare(CONTEXT, { namespace: NS, deployment: a, image: `ghcr.io/phoenix/${a}:1.1.0`, plan: steady, timeScale: SCALE, by: 'bench' });
      if (!prepared.ok) throw new Error(`${a}: ${prepared.message}`);
      const r = await driver.start(CONTEXT, prepared.prepared);
      if (!r.ok) throw new Error(`${a}: ${r.message}`);
    }
    await until('20 rollouts running', () => (driver.snapshots().filter((s) => s.state?.status === 'running' && s.state.target.deployment.startsWith('bench-app-')).length === 20 ? true : undefined), 120_000).catch((e: unknown) => {
      const states = driver.snapshots().map((s) => `${s.state?.target.deployment}: ${s.state?.status} ${s.state?.reason ?? ''}`);
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n${states.join('\n')}`);
    });
    const count = () => driver.snapshots().filter((s: RolloutSnapshot) => s.state?.target.deployment.startsWith('bench-app-')).reduce((n, s) => n + s.checks.filter((c) => c.kind !== 'event').length, 0);
    const checks0 = count();
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 30_000));
    const cpu = process.cpuUsage(cpu0);
    const checks = count() - checks0;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const interval = steady.intervalSeconds * SCALE * 1000;
    results.push({
      name: 'driver CPU per check, 20 rollouts at once',
      ours: { label: `${checks} checks in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${cpuMs.toFixed(0)} ms CPU`, ms: cpuMs / Math.max(1, checks) },
      theirs: { label: 'the check interval it must fit in', ms: interval },
      notes: [`each check: 5 Prometheus queries (median ${median(queryTimes).toFixed(1)} ms), the state written back to the canary Deployment`],
    });
  } finally {
    await driver.shutdown();
    await sandbox.stop();
  }
  return results;
}

if (require.main === module) {
  const home = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  rolloutBenches(home)
    .then((r) => printComparisons(r))
    .then(
      () => {
        rmSync(home, { recursive: true, force: true });
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
}
