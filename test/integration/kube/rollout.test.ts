// Real kubectl against the simulated cluster's controllers: rollout status/history/undo/restart/pause/resume, scale, wait, deadlines, describe.
import assert from 'node:assert/strict';
import { createSimCluster } from '../../../sandbox/kube/simCluster';
import { eventually } from '../../shared/waitFor';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

/** Revision numbers and change-causes of `kubectl rollout history`. */
function history(out: string): { revision: number; cause: string }[] {
  return out
    .split('\n')
    .filter((l) => /^\d+\s/.test(l))
    .map((l) => {
      const m = /^(\d+)\s+(.*)$/.exec(l.trim());
      return { revision: Number(m?.[1]), cause: (m?.[2] ?? '').trim() };
    });
}

describe('kubectl rollouts driven by the simulated controllers', function () {
  this.timeout(120_000);
  let env: KubectlEnv;
  before(async () => {
    // timeScale 0.3: a pod is Ready ~0.45 s after creation, slow enough for rollout status to show progress.
    env = await startKubectlEnv({ clusters: [await createSimCluster({ name: 'phoenix-dev', seed: { platform: true }, timeScale: 0.3 })] });
  });
  after(() => env.stop());

  const k = async (...args: string[]): Promise<string> => {
    const r = await env.kubectl(['-n', 'phoenix-system', ...args], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };

  it('rollout status prints the real progress lines and ends with "successfully rolled out"', async () => {
    await k('set', 'image', 'deployment/platform-api', 'platform-api=ghcr.io/phoenix/platform-api:1.9.0');
    const out = await k('rollout', 'status', 'deployment/platform-api', '--timeout=60s');
    const lines = out.trim().split('\n');
    assert.match(lines[0] ?? '', /^Waiting for deployment "platform-api" rollout to finish: \d out of 3 new replicas have been updated\.\.\.$/);
    assert.ok(lines.some((l) => /^Waiting for deployment "platform-api" rollout to finish: \d old replicas are pending termination\.\.\.$/.test(l)), out);
    assert.equal(lines.at(-1), 'deployment "platform-api" successfully rolled out');
    const again = await k('rollout', 'status', 'deployment/platform-api');
    assert.equal(again.trim(), 'deployment "platform-api" successfully rolled out');
  });

  it('set image + annotate: rollout history shows the new revision with its change-cause; --revision shows its template', async () => {
    const before = history(await k('rollout', 'history', 'deployment/controller'));
    assert.deepEqual(before.map((h) => h.revision), [1, 2, 3]);
    assert.match(before[0]?.cause ?? '', /^Initial deploy of controller 1\.6\.0$/);
    await k('set', 'image', 'deployment/controller', 'controller=ghcr.io/phoenix/controller:1.8.0');
    await k('annotate', 'deployment/controller', 'kubernetes.io/change-cause=Release controller 1.8.0 (canary passed)', '--overwrite');
    await k('rollout', 'status', 'deployment/controller', '--timeout=60s');
    await eventually('revision 4 in the history', async () => {
      const after = history(await k('rollout', 'history', 'deployment/controller'));
      assert.deepEqual(after.at(-1), { revision: 4, cause: 'Release controller 1.8.0 (canary passed)' });
    });
    const detail = await k('rollout', 'history', 'deployment/controller', '--revision=4');
    assert.match(detail, /Image:\s+ghcr\.io\/phoenix\/controller:1\.8\.0/);
    assert.match(detail, /pod-template-hash=/);
  });

  it('rollout undo reuses the previous ReplicaSet and renumbers it; undo --to-revision picks one; the current one is skipped', async () => {
    const rsBefore = (await k('get', 'rs', '-l', 'app=controller', '-o', 'name')).trim().split('\n').sort();
    assert.match(await k('rollout', 'undo', 'deployment/controller'), /^deployment\.apps\/controller rolled back$/m);
    await k('rollout', 'status', 'deployment/controller', '--timeout=60s');
    assert.deepEqual(history(await k('rollout', 'history', 'deployment/controller')).map((h) => h.revision), [1, 2, 4, 5], 'revision 3 became 5');
    assert.equal(await k('get', 'deploy', 'controller', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'ghcr.io/phoenix/controller:1.7.1');
    assert.deepEqual((await k('get', 'rs', '-l', 'app=controller', '-o', 'name')).trim().split('\n').sort(), rsBefore, 'no new ReplicaSet for a rollback');
    assert.equal(await k('get', 'deploy', 'controller', '-o', "jsonpath={.metadata.annotations['deployment\\.kubernetes\\.io/revision']}"), '5');

    assert.match(await k('rollout', 'undo', 'deployment/controller', '--to-revision=1'), /rolled back/);
    await k('rollout', 'status', 'deployment/controller', '--timeout=60s');
    assert.deepEqual(history(await k('rollout', 'history', 'deployment/controller')).map((h) => h.revision), [2, 4, 5, 6]);
    assert.equal(await k('get', 'deploy', 'controller', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'ghcr.io/phoenix/controller:1.6.0');
    const hist = await k('get', 'rs', '-l', 'app=controller', '-o', "jsonpath={range .items[*]}{.metadata.annotations['deployment\\.kubernetes\\.io/revision-history']}{' '}{end}");
    assert.match(hist, /\b1\b/, 'the reused set remembers its old number');

    const skipped = await k('rollout', 'undo', 'deployment/controller', '--to-revision=6');
    assert.match(skipped, /skipped rollback \(current template already matches revision 6\)/);
  });

  it('rollout pause stops a template change, undo is refused while paused, resume rolls it out', async () => {
    const sets = async () => (await k('get', 'rs', '-l', 'app=dashboard', '-o', 'name')).trim().split('\n').length;
    const before = await sets();
    assert.match(await k('rollout', 'pause', 'deployment/dashboard'), /paused/);
    await k('set', 'image', 'deployment/dashboard', 'dashboard=ghcr.io/phoenix/dashboard:3.3.0');
    // The controller has seen the new template (observedGeneration caught up) and reports the pause: had it
    // acted on the change, the new ReplicaSet would exist by now.
    await eventually('the controller to observe the change while paused', async () => {
      const [observed, generation, reason] = (await k('get', 'deploy', 'dashboard', '-o', 'jsonpath={.status.observedGeneration} {.metadata.generation} {.status.conditions[?(@.type=="Progressing")].reason}')).split(' ');
      assert.equal(observed, generation);
      assert.equal(reason, 'DeploymentPaused');
    }, 20_000);
    assert.equal(await sets(), before, 'no new ReplicaSet while paused');
    const refused = await env.kubectl(['-n', 'phoenix-system', 'rollout', 'undo', 'deployment/dashboard']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /you cannot rollback a paused deployment; resume it first/);
    await k('rollout', 'resume', 'deployment/dashboard');
    assert.match(await k('rollout', 'status', 'deployment/dashboard', '--timeout=60s'), /successfully rolled out/);
    assert.equal(await sets(), before + 1);
  });

  it('rollout restart replaces every pod through a new revision', async () => {
    const pods = async () => (await k('get', 'pods', '-l', 'app=generator', '-o', 'name')).trim().split('\n').sort().join(',');
    const before = await pods();
    assert.match(await k('rollout', 'restart', 'deployment/generator'), /restarted/);
    await k('rollout', 'status', 'deployment/generator', '--timeout=60s');
    await eventually('two new generator pods', async () => {
      const now = (await pods()).split(',');
      assert.equal(now.length, 2);
      assert.ok(now.every((p) => !before.includes(p)), `${before} -> ${now.join(',')}`);
    }, { timeoutMs: 20_000, intervalMs: 200 });
    assert.equal(history(await k('rollout', 'history', 'deployment/generator')).at(-1)?.revision, 4);
  });

  it('scale, then wait --for=condition=available', async () => {
    assert.match(await k('scale', 'deployment/analytics', '--replicas=5'), /scaled/);
    assert.match(await k('wait', '--for=condition=available', 'deployment/analytics', '--timeout=30s'), /condition met/);
    await eventually('analytics at 5/5', async () => assert.equal(await k('get', 'deploy', 'analytics', '-o', 'jsonpath={.status.readyReplicas}/{.status.replicas}'), '5/5'), { timeoutMs: 20_000, intervalMs: 200 });
    await k('scale', 'deployment/analytics', '--replicas=1');
    await eventually('one analytics pod', async () => assert.equal((await k('get', 'pods', '-l', 'app=analytics', '--no-headers')).trim().split('\n').length, 1), { timeoutMs: 20_000, intervalMs: 200 });
  });

  it('rollout status fails with "exceeded its progress deadline" for a crash-looping image', async () => {
    await k('patch', 'deployment/analytics', '-p', '{"spec":{"progressDeadlineSeconds":3}}');
    await k('set', 'image', 'deployment/analytics', 'analytics=ghcr.io/phoenix/analytics:2.6.0-crash');
    const r = await env.kubectl(['-n', 'phoenix-system', 'rollout', 'status', 'deployment/analytics', '--timeout=60s'], { timeoutMs: 60_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /error: deployment "analytics" exceeded its progress deadline/);
    // A crash-looping pod cycles Running → Error → CrashLoopBackOff, as in a real cluster: a single
    // `get pods` may catch it Running between crashes, so look until the crash shows.
    await eventually('a crash-looping analytics pod', async () => assert.match(await k('get', 'pods', '-l', 'app=analytics'), /CrashLoopBackOff|Error/), { timeoutMs: 20_000, intervalMs: 200 });
    await k('rollout', 'undo', 'deployment/analytics');
    assert.match(await k('rollout', 'status', 'deployment/analytics', '--timeout=60s'), /successfully rolled out/);
  });

  it('describe deployment shows the ReplicaSets, conditions and ScalingReplicaSet events', async () => {
    const out = await k('describe', 'deployment', 'platform-api');
    assert.match(out, /^NewReplicaSet:\s+platform-api-\w+ \(3\/3 replicas created\)$/m);
    assert.match(out, /^\s+Available\s+True\s+MinimumReplicasAvailable$/m);
    assert.match(out, /^\s+Progressing\s+True\s+NewReplicaSetAvailable$/m);
    assert.match(out, /Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set platform-api-\w+ to 1 from 0/);
    assert.match(out, /Scaled down replica set platform-api-\w+ to 0 from 1/);
    const pod = (await k('get', 'pods', '-l', 'app=platform-api', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    const describePod = await k('describe', 'pod', pod);
    assert.match(describePod, /Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned phoenix-system\/platform-api-/);
    assert.match(describePod, /Normal\s+Started\s+.*kubelet\s+Started container platform-api/);
  });
});
