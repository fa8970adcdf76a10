// Real kubectl against full simulated clusters (createSimCluster: controllers, seeded platform,
// container logs): rollout status/history/undo/restart/pause/resume, logs -f deploy/X, cascade delete.
import assert from 'node:assert/strict';
import { createSimCluster } from '../../../sandbox/kube/simCluster';
import { eventually } from '../../shared/waitFor';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

const revisions = (history: string) =>
  history
    .split('\n')
    .filter((l) => /^\d+\s/.test(l))
    .map((l) => Number(l.split(/\s+/)[0]));

describe('kubectl rollouts against the simulated platform', function () {
  this.timeout(90_000);
  let env: KubectlEnv;
  before(async () => {
    // timeScale 0.2: pods start and get ready five times faster than the sandbox default.
    const clusters = [
      await createSimCluster({ name: 'phoenix-dev', seed: { platform: true }, timeScale: 0.2 }),
      await createSimCluster({ name: 'phoenix-prod', seed: { platform: true }, timeScale: 0.2 }),
    ];
    env = await startKubectlEnv({ clusters });
  });
  after(() => env.stop());

  const k = async (...args: string[]) => {
    const r = await env.kubectl(args, { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };

  it('rollout history lists revisions with their change-cause', async () => {
    const out = await k('rollout', 'history', 'deployment/platform-api');
    assert.match(out, /^REVISION\s+CHANGE-CAUSE$/m);
    assert.ok(revisions(out).length >= 2, out);
  });

  it('set image, then rollout status waits until the new ReplicaSet is rolled out', async () => {
    const before = revisions(await k('rollout', 'history', 'deployment/platform-api'));
    await k('set', 'image', 'deployment/platform-api', 'platform-api=ghcr.io/phoenix/platform-api:9.0.0');
    const status = await k('rollout', 'status', 'deployment/platform-api', '--timeout=60s');
    assert.match(status, /deployment "platform-api" successfully rolled out/);
    assert.match(status, /Waiting for deployment "platform-api" rollout to finish/);
    const after = revisions(await k('rollout', 'history', 'deployment/platform-api'));
    assert.equal(Math.max(...after), Math.max(...before) + 1);
    assert.match(await k('get', 'deploy', 'platform-api', '-o', 'jsonpath={.status.updatedReplicas}/{.spec.replicas}'), /^(\d+)\/\1$/);
  });

  it('rollout undo goes back one revision; undo --to-revision goes to a chosen one', async () => {
    assert.match(await k('rollout', 'undo', 'deployment/platform-api'), /deployment\.apps\/platform-api rolled back/);
    await k('rollout', 'status', 'deployment/platform-api', '--timeout=60s');
    const image = await k('get', 'deploy', 'platform-api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    assert.notEqual(image, 'ghcr.io/phoenix/platform-api:9.0.0');
    const revs = revisions(await k('rollout', 'history', 'deployment/platform-api'));
    const target = revs[0];
    const detail = await k('rollout', 'history', 'deployment/platform-api', `--revision=${target}`);
    const wanted = /Image:\s+(\S+)/.exec(detail)![1];
    await k('rollout', 'undo', 'deployment/platform-api', `--to-revision=${target}`);
    await k('rollout', 'status', 'deployment/platform-api', '--timeout=60s');
    assert.equal(await k('get', 'deploy', 'platform-api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), wanted);
  });

  it('undo to the template already running is skipped', async () => {
    const revs = revisions(await k('rollout', 'history', 'deployment/platform-api'));
    const current = Math.max(...revs);
    const out = await env.kubectl(['rollout', 'undo', 'deployment/platform-api', `--to-revision=${current}`]);
    assert.match(out.stdout + out.stderr, /skipped rollback/);
  });

  it('rollout restart rolls new pods; pause blocks undo; resume finishes', async () => {
    const generatorPods = async () => (await k('get', 'pods', '-o', 'name')).split('\n').filter((n) => n.startsWith('pod/generator-')).sort().join(',');
    const podsBefore = await generatorPods();
    await k('rollout', 'restart', 'deployment/generator');
    assert.match(await k('get', 'deploy', 'generator', '-o', 'jsonpath={.spec.template.metadata.annotations}'), /kubectl\.kubernetes\.io\/restartedAt/);
    await k('rollout', 'status', 'deployment/generator', '--timeout=60s');
    await eventually('new generator pods', async () => {
      assert.notEqual(await generatorPods(), podsBefore);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    await k('rollout', 'pause', 'deployment/generator');
    const refused = await env.kubectl(['rollout', 'undo', 'deployment/generator']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /you cannot rollback a paused deployment; resume it first/);
    await k('rollout', 'resume', 'deployment/generator');
    assert.match(await k('rollout', 'status', 'deployment/generator', '--timeout=60s'), /successfully rolled out/);
  });

  it('scale up is followed by ready pods', async () => {
    await k('scale', 'deployment/dashboard', '--replicas=4');
    await k('rollout', 'status', 'deployment/dashboard', '--timeout=60s');
    assert.equal(await k('get', 'deploy', 'dashboard', '-o', 'jsonpath={.status.readyReplicas}'), '4');
  });

  it('logs -f deploy/X follows one of its pods', async () => {
    const f = env.spawn(['logs', '-f', 'deploy/platform-api', '--tail=2']);
    try {
      await eventually('4 lines of history output', () => assert.ok(f.output().split('\n').filter((l) => l.trim()).length >= 4, f.output()), { timeoutMs: 20_000, intervalMs: 200 });
    } finally {
      f.kill('SIGINT');
    }
  });

  it('deleting a deployment removes its ReplicaSets and pods (garbage collector)', async () => {
    assert.match(await k('get', 'rs', '-o', 'name'), /analytics-/);
    const r = await env.kubectl(['delete', 'deployment', 'analytics']);
    assert.equal(r.code, 0, r.stderr); // returned by itself: a delete that waits forever is killed (code 137)
    await eventually('the analytics ReplicaSets and pods gone', async () => {
      const rs = await k('get', 'rs', '-o', 'name');
      assert.doesNotMatch(rs, /analytics-/);
      const pods = await k('get', 'pods', '-o', 'name');
      assert.doesNotMatch(pods, /analytics-/);
    }, { timeoutMs: 30_000, intervalMs: 300 });
  });
});
