// The workload commands below the UI (read, plan, patch — what each command does after its prompts)
// against the simulated clusters, checked with real kubectl: our rollback on phoenix-dev must leave the
// same history and template as `kubectl rollout undo` on the identical phoenix-prod.
import assert from 'node:assert/strict';
import type { V1Deployment } from '@kubernetes/client-node';
import type { WorkloadsClient } from '../../../src/clients/kubernetes/workloadsClient';
import { followRollout } from '../../../src/domain/workloads/rolloutFollower';
import { planPause, planRestart, planScale, planSetImage, planUndo, type RolloutPlan, type UndoPlan } from '../../../src/domain/workloads/rolloutPlans';
import { revisions, startWorkloadEnv, type WorkloadEnv } from './workloadHarness';
import { waitFor } from '../../shared/waitFor';

const NS = 'phoenix-system';

describe('workload commands against the simulator, checked with kubectl', function () {
  this.timeout(120_000);
  let env: WorkloadEnv;
  let dev: WorkloadsClient;
  before(async () => {
    env = await startWorkloadEnv();
    dev = env.client('phoenix-dev');
  });
  after(() => env?.stop());

  const read = async (client: WorkloadsClient, name: string) => {
    const d = await client.getDeployment({ namespace: NS, name });
    assert.ok(d.ok, !d.ok ? d.error.message : '');
    const rss = await client.replicaSetsOf(d.value);
    assert.ok(rss.ok);
    return { d: d.value, rss: rss.value };
  };
  const apply = async (client: WorkloadsClient, name: string, plan: RolloutPlan | UndoPlan) => {
    assert.equal(plan.kind, 'patch', JSON.stringify(plan));
    if (plan.kind !== 'patch') return;
    const r = await client.patchDeployment({ namespace: NS, name }, plan.patchType, plan.patch, plan.target);
    assert.ok(r.ok, !r.ok ? r.error.message : '');
  };
  const rolledOut = async (client: WorkloadsClient, name: string) => {
    const end = await followRollout(client.source<V1Deployment>('deployments', NS, { fieldSelector: `metadata.name=${name}` }), { onProgress: () => undefined }, AbortSignal.timeout(60_000));
    assert.equal(end.kind, 'done', JSON.stringify(end));
  };
  const k = (context: string, ...args: string[]) => env.kubectl(`--context=${context}`, '-n', NS, ...args);
  const image = (context: string, name: string) => k(context, 'get', 'deployment', name, '-o', 'jsonpath={.spec.template.spec.containers[0].image}');

  it('set image rolls out and is followed to "successfully rolled out"', async () => {
    const { d } = await read(dev, 'controller');
    await apply(dev, 'controller', planSetImage(d, 'controller', 'ghcr.io/phoenix/controller:1.8.0'));
    await rolledOut(dev, 'controller');
    assert.equal(await image('phoenix-dev', 'controller'), 'ghcr.io/phoenix/controller:1.8.0');
    assert.match(await k('phoenix-dev', 'rollout', 'status', 'deployment/controller'), /successfully rolled out/);
    // kubectl rollout history: the new revision's CHANGE-CAUSE says what made it, the one before keeps its own text.
    const history = await k('phoenix-dev', 'rollout', 'history', 'deployment/controller');
    const rows = history.split('\n').filter((l) => /^\d+\s/.test(l));
    assert.match(rows.at(-1) ?? '', /^\d+\s+Phoenix Ops: set image controller=ghcr\.io\/phoenix\/controller:1\.8\.0$/, history);
    assert.doesNotMatch(rows.at(-2) ?? '', /Phoenix Ops/, history);
  });

  it('restart writes its own change-cause on the new revision', async () => {
    const { d } = await read(dev, 'generator');
    await apply(dev, 'generator', planRestart(d, new Date()));
    await rolledOut(dev, 'generator');
    const rows = (await k('phoenix-dev', 'rollout', 'history', 'deployment/generator')).split('\n').filter((l) => /^\d+\s/.test(l));
    assert.match(rows.at(-1) ?? '', /^\d+\s+Phoenix Ops: rollout restart \(restartedAt \d{4}-\d\d-\d\dT[\d:]+Z\)$/);
  });

  it('roll back to the previous revision leaves the history and template kubectl rollout undo leaves', async () => {
    // The same change on both clusters, then our undo on dev and kubectl's on prod.
    for (const ctx of ['phoenix-dev', 'phoenix-prod']) {
      await k(ctx, 'set', 'image', 'deployment/analytics', 'analytics=ghcr.io/phoenix/analytics:2.6.0');
      await k(ctx, 'rollout', 'status', 'deployment/analytics', '--timeout=60s');
    }
    const { d, rss } = await read(dev, 'analytics');
    const plan = planUndo(d, rss, 0);
    await apply(dev, 'analytics', plan);
    await rolledOut(dev, 'analytics');
    assert.match(await k('phoenix-prod', 'rollout', 'undo', 'deployment/analytics'), /rolled back/);
    await k('phoenix-prod', 'rollout', 'status', 'deployment/analytics', '--timeout=60s');

    const devHistory = revisions(await k('phoenix-dev', 'rollout', 'history', 'deployment/analytics'));
    const prodHistory = revisions(await k('phoenix-prod', 'rollout', 'history', 'deployment/analytics'));
    assert.deepEqual(devHistory, prodHistory);
    assert.equal(await image('phoenix-dev', 'analytics'), await image('phoenix-prod', 'analytics'));
    assert.equal(await image('phoenix-dev', 'analytics'), 'ghcr.io/phoenix/analytics:2.5.0');
    const jsonpath = 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}';
    assert.equal(await k('phoenix-dev', 'get', 'deployment', 'analytics', '-o', jsonpath), await k('phoenix-prod', 'get', 'deployment', 'analytics', '-o', jsonpath));
  });

  it('roll back to a chosen revision; to the running one is "skipped rollback" for both us and kubectl', async () => {
    const history = revisions(await k('phoenix-dev', 'rollout', 'history', 'deployment/generator'));
    const oldest = Math.min(...history);
    const wanted = /Image:\s+(\S+)/.exec(await k('phoenix-dev', 'rollout', 'history', 'deployment/generator', `--revision=${oldest}`))?.[1];
    const { d, rss } = await read(dev, 'generator');
    await apply(dev, 'generator', planUndo(d, rss, oldest));
    await rolledOut(dev, 'generator');
    assert.equal(await image('phoenix-dev', 'generator'), wanted);
    const after = revisions(await k('phoenix-dev', 'rollout', 'history', 'deployment/generator'));
    assert.ok(!after.includes(oldest) && Math.max(...after) === Math.max(...history) + 1, `the chosen revision is renumbered as the newest: ${history.join(',')} → ${after.join(',')}`);

    const again = await read(dev, 'generator');
    const current = Math.max(...after);
    assert.deepEqual(planUndo(again.d, again.rss, current), { kind: 'skipped', message: `skipped rollback (current template already matches revision ${current})` });
    assert.match(await k('phoenix-dev', 'rollout', 'undo', 'deployment/generator', `--to-revision=${current}`), /skipped rollback/);
  });

  it('pause refuses a rollback as kubectl does; resume allows it again', async () => {
    let { d, rss } = await read(dev, 'dashboard');
    await apply(dev, 'dashboard', planPause(d, true));
    ({ d, rss } = await read(dev, 'dashboard'));
    const plan = planUndo(d, rss, 0);
    assert.equal(plan.kind, 'refused');
    const kubectlRefusal = await k('phoenix-dev', 'rollout', 'undo', 'deployment/dashboard').catch((e: { stderr?: string }) => e.stderr ?? '');
    assert.match(kubectlRefusal, /you cannot rollback a paused deployment; resume it first/);
    assert.match(plan.kind === 'refused' ? plan.message : '', /you cannot rollback a paused deployment; resume it first/);
    assert.equal(await k('phoenix-dev', 'get', 'deployment', 'dashboard', '-o', 'jsonpath={.spec.paused}'), 'true');
    await apply(dev, 'dashboard', planPause(d, false));
    assert.equal(await k('phoenix-dev', 'get', 'deployment', 'dashboard', '-o', 'jsonpath={.spec.paused}'), 'false');
  });

  it('scale goes through the scale subresource; restart rolls new pods', async () => {
    const { d } = await read(dev, 'dashboard');
    await apply(dev, 'dashboard', planScale(d, 4));
    await waitFor('4 ready dashboard pods', async () => (await k('phoenix-dev', 'get', 'deployment', 'dashboard', '-o', 'jsonpath={.status.readyReplicas}')) === '4', 20_000);
    const podsBefore = await k('phoenix-dev', 'get', 'pods', '-l', 'app=dashboard', '-o', 'name');
    const fresh = await read(dev, 'dashboard');
    await apply(dev, 'dashboard', planRestart(fresh.d, new Date()));
    await rolledOut(dev, 'dashboard');
    assert.match(await k('phoenix-dev', 'get', 'deployment', 'dashboard', '-o', 'jsonpath={.spec.template.metadata.annotations}'), /kubectl\.kubernetes\.io\/restartedAt/);
    await waitFor('all pods replaced', async () => {
      const now = (await k('phoenix-dev', 'get', 'pods', '-l', 'app=dashboard', '-o', 'name')).split('\n').filter(Boolean);
      return now.length === 4 && now.every((p) => !podsBefore.includes(p));
    }, 40_000);
  });

  it('an image reference the cockpit refuses, sent by kubectl, leaves the new pod waiting with InvalidImageName', async () => {
    const { d } = await read(dev, 'analytics');
    assert.equal(planSetImage(d, 'analytics', '!!!@@@:::').kind, 'refused');
    await k('phoenix-prod', 'set', 'image', 'deployment/analytics', 'analytics=!!!@@@:::');
    const waiting = await waitFor('a pod waiting with InvalidImageName', async () => {
      const reasons = await k('phoenix-prod', 'get', 'pods', '-l', 'app=analytics', '-o', 'jsonpath={range .items[*]}{.status.containerStatuses[0].state.waiting.reason}{"\\n"}{end}');
      return reasons.split('\n').includes('InvalidImageName') ? reasons : undefined;
    }, 30_000);
    assert.ok(waiting);
    assert.match(await k('phoenix-prod', 'get', 'pods', '-l', 'app=analytics'), /InvalidImageName/);
    await k('phoenix-prod', 'rollout', 'undo', 'deployment/analytics');
    await k('phoenix-prod', 'rollout', 'status', 'deployment/analytics', '--timeout=60s');
  });

  it('a bad request comes back as a message, not an exception', async () => {
    const r = await dev.patchDeployment({ namespace: NS, name: 'no-such-deployment' }, 'merge', { spec: { replicas: 1 } }, 'scale');
    assert.equal(!r.ok && r.error.kind, 'notFound');
    assert.match(!r.ok ? r.error.message : '', /not found/);
  });
});
