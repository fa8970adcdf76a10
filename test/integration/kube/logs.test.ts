// Real kubectl logs against the simulated container logs: follow with prefixes, timestamps/since, limits, previous on a crash loop, errors.
import assert from 'node:assert/strict';
import { createSimCluster } from '../../../sandbox/kube/simCluster';
import { eventually } from '../../shared/waitFor';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

const NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /;

describe('kubectl logs against the simulated containers', function () {
  this.timeout(90_000);
  let env: KubectlEnv;
  before(async () => {
    env = await startKubectlEnv({ clusters: [await createSimCluster({ name: 'phoenix-dev', seed: { platform: true }, timeScale: 0.2, logLinesPerSecond: 10 })] });
  });
  after(() => env.stop());

  const run = (...args: string[]) => env.kubectl(['-n', 'phoenix-system', ...args], { timeoutMs: 60_000 });
  const k = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
  const podOf = async (app: string, ns = 'phoenix-system') =>
    (await env.kubectl(['-n', ns, 'get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={.items[0].metadata.name}'])).stdout.trim();

  it('logs -f deploy/X streams new lines as they are written, with --prefix', async () => {
    const f = env.spawn(['-n', 'phoenix-system', 'logs', '-f', 'deploy/platform-api', '--tail=2', '--prefix']);
    try {
      await eventually('8 prefixed log lines', () => assert.ok(lines(f.output()).filter((l) => l.startsWith('[pod/')).length >= 8, f.output()), { timeoutMs: 20_000, intervalMs: 100 });
      const streamed = lines(f.output()).filter((l) => l.startsWith('[pod/'));
      assert.ok(streamed.every((l) => /^\[pod\/platform-api-\w+-\w{5}\/platform-api\] \d{4}-\d\d-\d\dT[\d:.]+Z (INFO|WARN|ERROR) /.test(l)), streamed.join('\n'));
    } finally {
      f.kill('SIGINT');
    }
  });

  it('--timestamps --since and --limit-bytes and --tail', async () => {
    const pod = await podOf('controller');
    const since = lines(await k('logs', pod, '--timestamps', '--since=3s'));
    assert.ok(since.length >= 20 && since.length <= 45, `${since.length} lines in 3 s at 10/s`);
    const from = Date.now() - 5000;
    for (const l of since) {
      assert.match(l, NANO);
      assert.ok(Date.parse(l.slice(0, 23) + 'Z') >= from, l);
    }
    assert.equal(Buffer.byteLength(await k('logs', pod, '--limit-bytes=500')), 500);
    assert.equal(lines(await k('logs', pod, '--tail=5')).length, 5);
  });

  it('logs --previous of a crash-looping pod ends with the stack trace and the fatal line', async () => {
    await k('set', 'image', 'deployment/generator', 'generator=ghcr.io/phoenix/generator:1.1.0-crash');
    let pod = '';
    await eventually('a restarted generator pod', async () => {
      const out = await k('get', 'pods', '-l', 'app=generator', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.containerStatuses[0].restartCount}{"\\n"}{end}');
      const crashing = lines(out).map((l) => l.split(' ')).find(([, restarts]) => Number(restarts) >= 1);
      assert.ok(crashing, out);
      pod = crashing[0] ?? '';
    }, { timeoutMs: 30_000, intervalMs: 200 });
    const previous = lines(await k('logs', pod, '--previous'));
    assert.match(previous[0] ?? '', /INFO starting generator version=1\.1\.0-crash$/);
    assert.ok(previous.some((l) => l.startsWith('panic: runtime error')));
    assert.match(previous.at(-1) ?? '', / FATAL generator exited: .*\(exit code 1\)$/);
    const describe = await k('describe', 'pod', pod);
    // A crash now carries its termination message (what the container wrote last), as the kubelet reports it.
    assert.match(describe, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Message:\s+\S.*\n\s+Exit Code:\s+1/);
    assert.match(describe, /Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container generator in pod/);
    await k('rollout', 'undo', 'deployment/generator');
  });

  it('previous of a container that never restarted, and a container waiting on its image, fail like the kubelet', async () => {
    const healthy = await podOf('dashboard');
    const prev = await run('logs', healthy, '--previous');
    assert.notEqual(prev.code, 0);
    assert.match(prev.stderr, new RegExp(`previous terminated container "dashboard" in pod "${healthy}" not found`));
    await k('set', 'image', 'deployment/dashboard', 'dashboard=ghcr.io/phoenix/dashboard:9.9.9-missing');
    let pulling = '';
    await eventually('a dashboard pod failing to pull', async () => {
      const out = await k('get', 'pods', '-l', 'app=dashboard', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.containerStatuses[0].state.waiting.reason}{"\\n"}{end}');
      const row = lines(out).map((l) => l.split(' ')).find(([, reason]) => reason === 'ImagePullBackOff' || reason === 'ErrImagePull');
      assert.ok(row, out);
      pulling = row[0] ?? '';
    }, { timeoutMs: 20_000, intervalMs: 200 });
    const waiting = await run('logs', pulling);
    assert.notEqual(waiting.code, 0);
    assert.match(waiting.stderr, new RegExp(`container "dashboard" in pod "${pulling}" is waiting to start: (image can't be pulled|trying and failing to pull image)`));
    await k('rollout', 'undo', 'deployment/dashboard');
  });

  it('picks the default container of a multi-container pod, and -c another', async () => {
    const pod = await podOf('backend', 'phase-5');
    const main = await env.kubectl(['-n', 'phase-5', 'logs', pod, '--tail=20']);
    assert.equal(main.code, 0, main.stderr);
    assert.ok(lines(main.stdout).some((l) => /(GET|POST|PUT|DELETE) \/api\//.test(l)), main.stdout);
    const side = await env.kubectl(['-n', 'phase-5', 'logs', pod, '-c', 'reminder-scheduler', '--tail=20']);
    assert.equal(side.code, 0, side.stderr);
    assert.ok(lines(side.stdout).every((l) => /(reminder|INFO|WARN|ERROR)/.test(l)));
    assert.ok(lines(side.stdout).some((l) => /reminder/.test(l)), side.stdout);
  });

  it('a follow stream ends when its pod is deleted', async () => {
    const pod = await podOf('analytics');
    const f = env.spawn(['-n', 'phoenix-system', 'logs', '-f', pod, '--tail=1']);
    const exited = new Promise<number | null>((resolve) => f.on('close', (code) => resolve(code)));
    await eventually('two followed lines', () => assert.ok(lines(f.output()).length >= 2, f.output()), { timeoutMs: 10_000, intervalMs: 100 });
    await k('delete', 'pod', pod, '--wait=false');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 15_000))]);
    assert.equal(code, 0);
  });
});
