// A workload tail against the simulated kubelet: every line of every pod exactly once, across an API
// server killed and restarted mid-tail (compared line by line with `kubectl logs --timestamps`), and
// a rollout's new pods followed while the old ones are let go.
import assert from 'node:assert/strict';
import { LogTail, type TailLine, type TailNotice, type TailSource } from '../../../src/domain/logs/logTail';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';
import { waitFor } from '../../shared/waitFor';

describe('log tail against the sandbox', function () {
  this.timeout(120_000);
  let env: WorkloadEnv;
  before(async () => {
    env = await startWorkloadEnv({ logLinesPerSecond: 20 });
  });
  after(() => env?.stop());

  function tail(labelSelector: string) {
    const client = env.client('phoenix-dev', 2000);
    const sources = new Map<number, TailSource>();
    const lines: TailLine[] = [];
    const notices: TailNotice[] = [];
    const t = new LogTail(
      { pods: (ns, sel) => client.source('pods', ns, sel), follow: (req, h, s) => client.followLog(req, h, s) },
      { namespace: 'phoenix-system', labelSelector, tailLines: 0, flushMs: 50, backoff: { initialMs: 100, maxMs: 500 } },
      { onSource: (s) => sources.set(s.id, s), onLines: (l) => lines.push(...l), onNotice: (n) => notices.push(n) },
    );
    t.start();
    const byPod = () => {
      const out = new Map<string, TailLine[]>();
      for (const l of lines) {
        const pod = sources.get(l.source)!.pod;
        out.set(pod, [...(out.get(pod) ?? []), l]);
      }
      return out;
    };
    return { t, lines, notices, sources, byPod };
  }

  it('loses and repeats nothing when the API server dies and comes back mid-tail', async () => {
    const { t, lines, notices, byPod } = tail('app=platform-api,track=primary');
    await waitFor('lines from 3 pods', () => byPod().size === 3 && lines.length > 60, 20_000);
    await env.sandbox.kube.stopServer('phoenix-dev');
    await new Promise((r) => setTimeout(r, 2000)); // ~40 lines per pod written while nobody can read them
    await env.sandbox.kube.startServer('phoenix-dev');
    await waitFor('the reconnect notices', () => notices.filter((n) => /^Reconnected /.test(n.text)).length >= 3, 30_000);
    const afterReconnect = lines.length;
    await waitFor('more lines after the reconnect', () => lines.length > afterReconnect + 90, 20_000);
    t.stop();

    for (const [pod, got] of byPod()) {
      const first = got[0].ts;
      const last = got.at(-1)!.ts;
      const since = `${first.slice(0, 19)}Z`;
      const out = await env.kubectl('-n', 'phoenix-system', 'logs', pod, '--timestamps', `--since-time=${since}`);
      const truth = out
        .split('\n')
        .filter(Boolean)
        .map((l) => ({ ts: l.slice(0, l.indexOf(' ')), text: l.slice(l.indexOf(' ') + 1) }))
        .filter((l) => l.ts >= first && l.ts <= last);
      assert.ok(got.length > 60, `${pod}: ${got.length} lines`);
      assert.deepEqual(got.map((l) => `${l.ts} ${l.text}`), truth.map((l) => `${l.ts} ${l.text}`), `${pod}: every line once, in order`);
    }
    assert.ok(notices.some((n) => /Lost platform-api-.*Reconnecting/.test(n.text)), notices.map((n) => n.text).join('\n'));
  });

  it('follows the new pods of a rollout and lets the old ones go', async () => {
    const { t, notices, byPod } = tail('app=generator');
    await waitFor('the two generator pods', () => byPod().size === 2, 20_000);
    const before = new Set(byPod().keys());
    await env.kubectl('-n', 'phoenix-system', 'set', 'image', 'deployment/generator', 'generator=ghcr.io/phoenix/generator:1.0.2');
    await waitFor('lines from two new pods', () => [...byPod().keys()].filter((p) => !before.has(p)).length === 2, 40_000);
    await waitFor('old pods let go', () => notices.filter((n) => /^Stopped following generator-/.test(n.text)).length === 2, 40_000);
    assert.equal(notices.filter((n) => /^Following new pod generator-/.test(n.text)).length, 2);
    t.stop();
  });
});
