// Flagger's Canary and Argo's Rollout on the simulator's generic CRD support, with real kubectl: listed
// with their printer columns, guide 000's Canary applied from its YAML, and the cockpit's actions (Flagger's
// spec.suspend / skipAnalysis, the Argo plugin's status patches) seen by kubectl; the Rollouts view lists them.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeClient } from '../../../src/clients/kubernetes/kubeClient';
import { KubeHttp } from '../../../src/clients/kubernetes/kubeHttp';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { RolloutsClient } from '../../../src/clients/kubernetes/rolloutsClient';
import { RolloutDriver } from '../../../src/domain/rollouts/driver/rolloutDriver';
import { actionPatches, ARGO, type CustomObject, FLAGGER, type ProgressiveAction } from '../../../src/domain/rollouts/progressiveResources';
import { groupChildren, rootNodes, type RolloutsNode } from '../../../src/domain/rollouts/rolloutsNodes';
import { startWorkloadEnv, type WorkloadEnv } from '../workloads/workloadHarness';

const NS = 'phoenix-system';
const GUIDE_000_CANARY = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: platform-api
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: platform-api
  progressDeadlineSeconds: 300
  service:
    port: 8080
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 10
    metrics:
    - name: request-success-rate
      thresholdRange:
        min: 99
      interval: 1m
    - name: request-duration
      thresholdRange:
        max: 500
      interval: 1m
`;

describe('Flagger and Argo Rollouts resources (sandbox, kubectl)', function () {
  this.timeout(60_000);
  let env: WorkloadEnv;
  let client: RolloutsClient;
  let driver: RolloutDriver;
  before(async () => {
    env = await startWorkloadEnv();
    const kc = loadKubeconfig({ kubeconfigEnv: env.sandbox.info.kubeconfigPath, extraFiles: [] });
    const cfg = kc.configFor('phoenix-dev');
    if (!cfg.ok) throw new Error(cfg.message);
    client = new RolloutsClient('phoenix-dev', new KubeHttp(cfg.config, 5000), new KubeClient('phoenix-dev', cfg.config, 5000));
    driver = new RolloutDriver({ metrics: { query: () => Promise.resolve({ ok: false, kind: 'unreachable', message: 'not needed' }) }, audit: { record: () => undefined }, identity: 'it', now: Date.now, log: () => undefined }, () => client);
  });
  after(async () => {
    await driver?.shutdown();
    await env?.stop();
  });

  async function act(action: ProgressiveAction, gvr: typeof FLAGGER | typeof ARGO, name: string): Promise<void> {
    const o = await client.getCustom<CustomObject>(gvr, NS, name);
    assert.ok(o.ok && o.value);
    const patches = actionPatches(action, o.value);
    assert.ok(!('refused' in patches), 'refused' in patches ? patches.refused : '');
    for (const p of patches) assert.ok((await client.patchCustom(gvr, NS, name, p.patch, p.target === 'status' ? 'status' : undefined)).ok);
  }

  it("lists the seeded Canary and Rollout with kubectl's columns from their CRDs", async () => {
    const canaries = await env.kubectl('get', 'canaries', '-n', NS);
    assert.match(canaries, /^NAME\s+STATUS\s+WEIGHT\s+LASTTRANSITIONTIME\n/);
    assert.match(canaries, /^generator\s+Succeeded\s+0\s+\S+Z$/m);
    const rollouts = await env.kubectl('get', 'ro', '-n', NS);
    assert.match(rollouts, /^analytics\s+2\s+2\s+1\s+2\s+\d+d$/m);
  });

  it("applies guide 000's Canary YAML with kubectl and acts on it as Flagger documents", async () => {
    const file = join(env.sandbox.info.dir, 'guide-000-canary.yaml');
    writeFileSync(file, GUIDE_000_CANARY);
    assert.match(await env.kubectl('apply', '-n', NS, '-f', file), /canary.flagger.app\/platform-api created/);
    await env.kubectl('patch', 'canary', 'platform-api', '-n', NS, '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Progressing","canaryWeight":20,"failedChecks":1}}');
    await act('flaggerSuspend', FLAGGER, 'platform-api');
    assert.equal(await env.kubectl('get', 'canary', 'platform-api', '-n', NS, '-o', 'jsonpath={.spec.suspend}'), 'true');
    await act('flaggerSkipAnalysis', FLAGGER, 'platform-api');
    assert.equal(await env.kubectl('get', 'canary', 'platform-api', '-n', NS, '-o', 'jsonpath={.spec.skipAnalysis}'), 'true');
    assert.equal(await env.kubectl('get', 'canary', 'platform-api', '-n', NS, '-o', 'jsonpath={.status.canaryWeight}'), '20', 'the status is the controller\'s: untouched');
  });

  it("promotes, aborts and retries an Argo Rollout with the plugin's status patches", async () => {
    await act('argoPromote', ARGO, 'analytics');
    assert.equal(await env.kubectl('get', 'ro', 'analytics', '-n', NS, '-o', 'jsonpath={.status.pauseConditions}'), '');
    await act('argoAbort', ARGO, 'analytics');
    assert.equal(await env.kubectl('get', 'ro', 'analytics', '-n', NS, '-o', 'jsonpath={.status.abort}'), 'true');
    await act('argoRetry', ARGO, 'analytics');
    assert.equal(await env.kubectl('get', 'ro', 'analytics', '-n', NS, '-o', 'jsonpath={.status.abort}'), 'false');
  });

  it('shows them in the Rollouts view, with the blue-green pair beside them', async () => {
    const roots = await rootNodes({ context: 'phoenix-dev', namespace: NS }, driver);
    assert.deepEqual(roots.map((r) => (r.kind === 'group' ? r.label : r.kind)), ['Canaries', 'Blue-green', 'Flagger canaries', 'Argo Rollouts']);
    const children = async (label: string) => groupChildren(roots.find((r) => r.kind === 'group' && r.label === label) as Extract<RolloutsNode, { kind: 'group' }>, driver);
    const flagger = await children('Flagger canaries');
    assert.deepEqual(flagger.map((n) => (n.kind === 'progressive' ? `${n.summary.name}:${n.summary.phase}:${n.summary.suspended}` : n.kind)), ['generator:Succeeded:false', 'platform-api:Progressing:true']);
    const pairs = await children('Blue-green');
    assert.deepEqual(pairs.map((n) => (n.kind === 'pair' ? `${n.pair.service}:${n.pair.active}` : n.kind)), ['api-gateway:blue']);
    const none = await rootNodes({ context: 'phoenix-dev', namespace: 'phase-5' }, driver);
    assert.equal(none.length, 4, 'the CRDs are cluster-wide: the groups show, empty');
  });
});
