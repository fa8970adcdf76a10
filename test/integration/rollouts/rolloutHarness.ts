// What the rollout integration suites share: one sandbox with its real Prometheus and Alertmanager,
// rollout plans time-scaled (0.02: guide 001's 40 minutes in under a minute, traffic 50× as fast),
// a RolloutDriver per simulated cockpit, real kubectl, and waiting on conditions.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AlertmanagerClient } from '../../../src/clients/alertmanager/alertmanagerClient';
import { KubeClient } from '../../../src/clients/kubernetes/kubeClient';
import { KubeHttp } from '../../../src/clients/kubernetes/kubeHttp';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { RolloutsClient } from '../../../src/clients/kubernetes/rolloutsClient';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import type { AuditPort, DriverEnv } from '../../../src/domain/rollouts/driver/ports';
import { RolloutDriver } from '../../../src/domain/rollouts/driver/rolloutDriver';
import type { RolloutSnapshot } from '../../../src/domain/rollouts/driver/rolloutRunner';
import { alertmanagerAlerts, prometheusMetrics } from '../../../src/domain/rollouts/driver/serviceAdapters';
import { parsePlan } from '../../../src/domain/rollouts/planParser';
import type { CanaryPlan } from '../../../src/domain/rollouts/canaryPlan';
import { GUIDE_001_PLAN } from '../../../src/domain/rollouts/shippedPlans';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox';

export const TIME_SCALE = 0.02;
export const CONTEXT = 'phoenix-dev';
export const NS = 'phoenix-system';

export interface AuditEntry {
  action: string;
  detail?: string;
  object: string;
}

export interface RolloutEnv {
  sandbox: Sandbox;
  client(): RolloutsClient;
  /** A cockpit's driver with its own identity; stopped by stop(). */
  driver(identity: string): RolloutDriver;
  audit: AuditEntry[];
  plan(yaml?: string): CanaryPlan;
  /** Stops every driver started so far (each hands its lease back): a test that failed half-way leaves none driving. */
  shutdownDrivers(): Promise<void>;
  kubectl(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startRolloutEnv(): Promise<RolloutEnv> {
  const sandbox = await startSandbox({ timeScale: 0.2, rolloutTimeScale: TIME_SCALE });
  const home = mkdtempSync(join(tmpdir(), 'rollouts-it-'));
  const kc = loadKubeconfig({ kubeconfigEnv: sandbox.info.kubeconfigPath, extraFiles: [] });
  const client = (): RolloutsClient => {
    const cfg = kc.configFor(CONTEXT);
    if (!cfg.ok) throw new Error(cfg.message);
    return new RolloutsClient(CONTEXT, new KubeHttp(cfg.config, 5000), new KubeClient(CONTEXT, cfg.config, 5000));
  };
  // A short timeout: a frozen Prometheus must read as "no data" within a check interval, not hang the check.
  const prometheus = new PrometheusClient({ baseUrl: sandbox.info.prometheusUrl ?? '', timeoutMs: 1000 });
  const alertmanager = new AlertmanagerClient({ baseUrl: sandbox.info.alertmanagerUrl ?? '', timeoutMs: 1000 });
  const audit: AuditEntry[] = [];
  const auditPort: AuditPort = { record: (r) => audit.push({ action: r.action, detail: r.detail, object: r.object }) };
  const drivers: RolloutDriver[] = [];
  return {
    sandbox,
    client,
    audit,
    driver: (identity) => {
      const env: DriverEnv = { metrics: prometheusMetrics(() => prometheus), alerts: alertmanagerAlerts(() => [alertmanager]), audit: auditPort, identity, now: Date.now, log: () => undefined };
      const d = new RolloutDriver(env, () => client());
      drivers.push(d);
      return d;
    },
    shutdownDrivers: async () => {
      await Promise.all(drivers.splice(0).map((d) => d.shutdown()));
    },
    plan: (yaml = GUIDE_001_PLAN) => {
      const r = parsePlan(yaml);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
      return r.plan;
    },
    kubectl: async (...args) => (await promisify(execFile)('kubectl', [`--kubeconfig=${sandbox.info.kubeconfigPath}`, `--context=${CONTEXT}`, '-n', NS, ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout,
    stop: async () => {
      await Promise.all(drivers.map((d) => d.shutdown()));
      sandbox.services?.handles.prometheus.resume();
      await sandbox.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until a snapshot of platform-api's rollout satisfies `ok` (fails with the last snapshot). Every snapshot
 * the driver publishes is looked at, not only the one it holds when asked: a promoted rollout's runner is dropped
 * as soon as its canary is deleted, a few requests after "promoted" was published, and a poll can miss that.
 */
export async function waitForRollout(driver: RolloutDriver, what: string, ok: (s: RolloutSnapshot) => boolean, timeoutMs = 60_000, deployment = 'platform-api'): Promise<RolloutSnapshot> {
  // The rollout the driver holds now (its start time), so that a late event of an earlier rollout of the same
  // canary slot is not taken for this one.
  let startedAt = driver.find(CONTEXT, NS, deployment)?.state?.startedAt;
  const mine = (s: RolloutSnapshot) => s.context === CONTEXT && s.namespace === NS && s.state?.target.deployment === deployment && (!startedAt || s.state.startedAt === startedAt);
  let last: RolloutSnapshot | undefined;
  let met: RolloutSnapshot | undefined;
  const sub = driver.onDidChange((s) => {
    if (!mine(s)) return;
    last = s;
    if (!met && ok(s)) met = s;
  });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = driver.find(CONTEXT, NS, deployment);
      if (now) {
        last = now;
        startedAt = now.state?.startedAt ?? startedAt;
      }
      if (!met && now && ok(now)) met = now;
      if (met) return met;
      if (Date.now() > deadline) {
        const s = last?.state;
        throw new Error(`timed out waiting for ${what}; last: ${s ? `${s.status} phase ${s.phase + 1} at ${s.weight} %${s.reason ? ` (${s.reason})` : ''}; last check: ${JSON.stringify(last?.checks.at(-1))}` : 'no rollout seen'}${last?.waiting ? `; waiting: ${last.waiting}` : ''}${last?.error ? `; error: ${last.error}` : ''}${last ? `; driving: ${last.driving}, lease: ${JSON.stringify(last.lease)}` : ''}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    sub.dispose();
  }
}

/** Polls the canary Ingress's weight with real kubectl, collecting each distinct value it showed. */
export function watchWeights(env: RolloutEnv, ingress = 'platform-api-canary'): { weights: number[]; stop(): Promise<void> } {
  const weights: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const out = await env.kubectl('get', 'ingress', ingress, '-o', 'jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}').catch(() => '');
      const w = Number.parseInt(out, 10);
      if (Number.isFinite(w) && weights.at(-1) !== w) weights.push(w);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  return {
    weights,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
