// Drain honouring a PodDisruptionBudget, side by side: the cockpit's drain (NodesClient.evict driven by the domain's
// plan and run, as Drain Node… runs them) and real `kubectl drain --ignore-daemonsets --delete-emptydir-data` on two
// nodes of one cluster. The cockpit's drain spends the budget's one disruption; kubectl's drain of the other node is
// then refused with the same 429 the cockpit is refused with, retries, and succeeds once the replacement pod of the
// first eviction is Ready. Mirror pods stay on both nodes; both nodes end cordoned; kubectl get pdb shows the budget.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodesClient } from '../../../src/clients/kubernetes/nodesClient';
import { delay } from '../../../src/core/abort';
import { planDrain } from '../../../src/domain/nodes/drainPlan';
import { evictAnswer, runDrain } from '../../../src/domain/nodes/drainRun';
import { summaryText } from '../../../src/domain/nodes/drainSummary';
import type { ObjectStore } from '../../../sandbox/kube/store/objectStore';
import type { KubeObject } from '../../../sandbox/kube/store/types';
import { waitFor } from '../../shared/waitFor';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';

const CTX = 'phoenix-dev';
const NS = 'drain-it';
const [A, B, C] = [1, 2, 3].map((i) => `${CTX}-worker-${i}`);
const REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

const web = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: NS, labels: { app: 'web' } },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'ghcr.io/phoenix/web:1.0.0' }] } } },
});

/** A static pod's mirror, as a kubelet registers it: bound to its node, no controller, the mirror annotation. */
const mirror = (node: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `static-agent-${node}`, namespace: NS, annotations: { 'kubernetes.io/config.mirror': 'sim' } },
  spec: { nodeName: node, containers: [{ name: 'agent', image: 'ghcr.io/phoenix/agent:1.0.0' }] },
});

describe('drain honouring a PodDisruptionBudget: the cockpit and kubectl drain side by side', function () {
  this.timeout(240_000);
  let env: WorkloadEnv;
  let store: ObjectStore;
  let nodes: NodesClient;
  let home: string;
  let drain: ChildProcess | undefined;
  before(async () => {
    env = await startWorkloadEnv();
    store = env.sandbox.clusters.find((c) => c.name === CTX)!.store;
    nodes = new NodesClient(env.client(CTX).http, 500);
    home = mkdtempSync(join(tmpdir(), 'drain-it-'));
  });
  after(async () => {
    drain?.kill();
    await env?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  const k = (...args: string[]) => env.kubectl(`--context=${CTX}`, ...args);
  const podsOn = (node: string, ns?: string) => store.list('pods', ns).filter((p) => (p.spec as { nodeName?: string }).nodeName === node);
  const ready = (p: KubeObject) => !p.metadata.deletionTimestamp && ((p.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  const webPods = () => store.list('pods', NS).filter((p) => p.metadata.labels?.app === 'web');
  const allReady = async (what: string, n: number) => waitFor(what, () => webPods().length === n && webPods().every(ready) && webPods(), { timeoutMs: 60_000 });
  const cordon = (...ns: string[]) => k('cordon', ...ns);
  const uncordon = (...ns: string[]) => k('uncordon', ...ns);

  it('kubectl get pdb -A prints the seeded platform-api budget with one disruption allowed', async () => {
    const out = await waitFor('the disruption controller settled', async () => {
      const o = await k('get', 'pdb', '-A');
      return /^phoenix-system\s+platform-api\s+2\s+N\/A\s+1\s+\S+$/m.test(o) && o;
    });
    assert.match(out.split('\n')[0], /^NAMESPACE\s+NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/);
    const status = JSON.parse(await k('get', 'pdb', 'platform-api', '-n', 'phoenix-system', '-o', 'json')).status as Record<string, number>;
    assert.deepEqual([status.expectedPods, status.currentHealthy, status.desiredHealthy, status.disruptionsAllowed], [3, 3, 2, 1]);
  });

  it('the cockpit evicts within the budget; kubectl drain is refused with the same 429, retries, and drains once the replacement is Ready', async () => {
    // Empty B and C of the platform (everything reschedules on A), then place one web pod on each of B and C.
    await cordon(B, C);
    await k('delete', 'pods', '-A', '--field-selector', `spec.nodeName=${B}`, '--wait=false');
    await k('delete', 'pods', '-A', '--field-selector', `spec.nodeName=${C}`, '--wait=false');
    await waitFor('B and C empty, the platform back on A', () => !podsOn(B).length && !podsOn(C).length && store.list('pods', 'phoenix-system').every(ready), { timeoutMs: 90_000 });
    await k('create', 'namespace', NS);
    await cordon(A);
    await uncordon(B);
    store.create('deployments', web(1));
    await allReady('web on B', 1);
    await cordon(B);
    await uncordon(C);
    await k('scale', 'deployment/web', '-n', NS, '--replicas=2');
    const placed = await allReady('web on B and C', 2);
    assert.deepEqual(placed.map((p) => (p.spec as { nodeName: string }).nodeName).sort(), [B, C]);
    const onC = placed.find((p) => (p.spec as { nodeName: string }).nodeName === C)!.metadata.name;
    await k('create', 'poddisruptionbudget', 'web', '-n', NS, '--selector=app=web', '--min-available=1');
    store.create('pods', mirror(B));
    store.create('pods', mirror(C));
    // No node open: a replacement pod stays Pending until one is uncordoned.
    await cordon(C);
    await waitFor('web budget: one disruption allowed', async () => /^web\s+1\s+N\/A\s+1\s/m.test(await k('get', 'pdb', '-n', NS)));

    // The cockpit drains B: the web pod is evicted (the budget's one disruption), the mirror pod is skipped.
    const listed = await nodes.podsOn(B);
    assert.ok(listed.ok);
    const plan = planDrain(B, listed.value);
    assert.deepEqual(plan.skip.map((s) => [s.pod.name, s.why.split(' (')[0]]), [[`static-agent-${B}`, 'mirror pod of a static pod']]);
    const outcome = await runDrain(plan, {
      evict: async (p, s) => evictAnswer(await nodes.evict(p.namespace, p.name, s)),
      sleep: (ms, s) => delay(ms, s).catch(() => undefined),
      now: () => Date.now(),
      report: () => undefined,
    }, { timeoutMs: 30_000, signal: new AbortController().signal });
    assert.equal(summaryText(outcome), `Drained ${B}: evicted 1, skipped 1; the node is cordoned.`);
    assert.deepEqual(podsOn(B).map((p) => p.metadata.name), [`static-agent-${B}`]);

    // kubectl drains C: its web pod is refused (the replacement is Pending), and so is the cockpit's eviction of it.
    let out = '';
    drain = spawn('kubectl', [`--kubeconfig=${env.sandbox.info.kubeconfigPath}`, `--context=${CTX}`, 'drain', C, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=180s'], { env: { ...process.env, HOME: home } });
    drain.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    drain.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => drain!.on('exit', (code) => resolve(code)));
    await waitFor('kubectl drain refused by the budget', () => out.includes(`error when evicting pods/"${onC}" -n "${NS}" (will retry after 5s): ${REFUSED}`), { timeoutMs: 60_000 });
    const ours = evictAnswer(await nodes.evict(NS, onC));
    assert.deepEqual(ours, { kind: 'refused', refusal: { budget: 'web', message: 'The disruption budget web needs 1 healthy pods and has 1 currently' } });
    assert.ok(store.get('pods', NS, onC), 'the refused pod still runs on C');

    // A node opens: the first eviction's replacement becomes Ready there, the budget allows one, kubectl's retry goes through.
    await uncordon(A);
    assert.equal(await exited, 0, out);
    assert.match(out, new RegExp(`^pod/${onC} evicted$`, 'm'));
    assert.match(out, new RegExp(`^node/${C} drained$`, 'm'));
    await allReady('web back to two, both on A', 2);
    assert.deepEqual(webPods().map((p) => (p.spec as { nodeName: string }).nodeName), [A, A]);
    assert.deepEqual(podsOn(C).map((p) => p.metadata.name), [`static-agent-${C}`], 'the mirror pod stays, as with the cockpit');
    const get = await k('get', 'nodes', B, C);
    assert.match(get, new RegExp(`^${B}\\s+Ready,SchedulingDisabled\\s`, 'm'));
    assert.match(get, new RegExp(`^${C}\\s+Ready,SchedulingDisabled\\s`, 'm'));
  });
});
