// The pod actions below the UI (what Describe Pod, Delete Pod(s) and Previous Logs read and send) against the simulator,
// side by side with real kubectl: describe's fields agree with `kubectl describe pod`, pods deleted by selector come
// back through their ReplicaSet (a bare pod does not), and previous logs after a crash equal `kubectl logs --previous`.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { PodsClient } from '../../../src/clients/kubernetes/podsClient';
import { describePod } from '../../../src/domain/pods/podDescribe';
import { isNoPreviousContainer, previousLogChoices, previousLogText } from '../../../src/domain/pods/previousLogs';
import { recreationOf } from '../../../src/domain/pods/podRecreation';
import { waitFor } from '../../shared/waitFor';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';

const NS = 'phoenix-system';

/** "Key: value" lines of a describe text, with their indent, minus what moves by the second (ages, times). */
function describeFields(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*(Type|----|Normal|Warning)\s/.test(line) || /^# /.test(line)) continue;
    const m = /^(\s*)([A-Za-z][\w .\-/]*):(?:\s+(.*))?$/.exec(line);
    if (!m || /^(Started|Finished|Start Time|Age)$/.test(m[2] ?? '')) continue;
    // Spacing inside a value is tabwriter layout (kubectl aligns env sources' "Optional:" in a column): compared as one space.
    out.push(`${m[1]?.length ?? 0}|${m[2]}|${(m[3] ?? '').trim().replace(/\s+/g, ' ')}`);
  }
  return out;
}

/** The Conditions table's rows ("Ready False"). */
function conditionRows(text: string): string[] {
  const block = text.slice(text.indexOf('\nConditions:') + 1).split('\n').slice(1);
  const rows: string[] = [];
  for (const l of block) {
    if (!/^\s/.test(l)) break;
    rows.push(l.trim().replace(/\s+/g, ' '));
  }
  return rows;
}

/** Event reasons of the Events table (the last block). */
function eventReasons(text: string): string[] {
  const block = text.slice(text.lastIndexOf('\nEvents:'));
  return [...new Set(block.split('\n').map((l) => /^\s+(?:Normal|Warning)\s+(\S+)/.exec(l)?.[1]).filter((r): r is string => !!r))].sort();
}

describe('pod actions against the simulator, side by side with kubectl', function () {
  this.timeout(180_000);
  let env: WorkloadEnv;
  let pods: PodsClient;
  before(async () => {
    env = await startWorkloadEnv();
    pods = new PodsClient(env.client('phoenix-dev'));
  });
  after(() => env?.stop());

  const k = (...args: string[]) => env.kubectl('--context=phoenix-dev', '-n', NS, ...args);
  const podNames = async (selector: string) => (await k('get', 'pods', '-l', selector, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}')).split('\n').filter(Boolean).sort();
  const cockpitDescribe = async (name: string) => {
    const p = await pods.getPod({ namespace: NS, name });
    assert.ok(p.ok, !p.ok ? p.error.message : '');
    const ev = await pods.events(p.value);
    assert.ok(ev.ok, !ev.ok ? ev.error.message : '');
    return describePod({ pod: p.value, events: ev.value, nowMs: Date.now() });
  };
  const crashedPod = async (app: string): Promise<V1Pod> =>
    waitFor(`a restarted ${app} pod`, async () => {
      const r = await pods.podsBySelector(NS, `app=${app}`);
      return r.ok && r.value.find((p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 && p.status?.containerStatuses?.[0]?.lastState?.terminated);
    }, { timeoutMs: 60_000, intervalMs: 300 });

  it('Describe Pod of a crash-looping pod has the fields, last state, exit code, conditions and events kubectl describe shows', async () => {
    await k('set', 'image', 'deployment/platform-api', 'platform-api=ghcr.io/phoenix/platform-api:1.4.0-crash');
    const pod = await crashedPod('platform-api');
    const name = pod.metadata?.name ?? '';
    // The pod moves on its own (a crash loop): read both until one reading of each agrees.
    const [ours, theirs] = await waitFor('cockpit and kubectl describe of one state of the pod', async () => {
      const a = await k('describe', 'pod', name);
      const b = await cockpitDescribe(name);
      const c = await k('describe', 'pod', name);
      return a === c && [b, a];
    }, { timeoutMs: 60_000, intervalMs: 200 });
    assert.deepEqual(describeFields(ours), describeFields(theirs));
    assert.deepEqual(eventReasons(ours), eventReasons(theirs));
    assert.deepEqual(conditionRows(ours), conditionRows(theirs));
    assert.ok(conditionRows(ours).includes('Ready False'), ours);
    // What a person reads first in a crash loop, present in both.
    for (const text of [ours, theirs]) {
      assert.match(text, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Message:\s+\S.*\n\s+Exit Code:\s+1/);
      assert.match(text, /Restart Count:\s+[1-9]/);
      assert.match(text, /Controlled By:\s+ReplicaSet\/platform-api-/);
    }
    assert.ok(eventReasons(ours).includes('BackOff'), ours);
  });

  it('Previous Logs after a crash equal kubectl logs --previous; a container that never restarted has none, in the server\'s words', async () => {
    const pod = await crashedPod('platform-api');
    const name = pod.metadata?.name ?? '';
    const container = previousLogChoices(pod)[0]?.name ?? '';
    assert.equal(container, 'platform-api');
    const [ours, theirs] = await waitFor('one previous instance read by both', async () => {
      const a = await k('logs', name, '-c', container, '--previous');
      const b = await pods.previousLog({ namespace: NS, name, container }, AbortSignal.timeout(20_000));
      const c = await k('logs', name, '-c', container, '--previous');
      return a === c && b.ok && [b.value, a];
    }, { timeoutMs: 60_000, intervalMs: 200 });
    assert.equal(ours, theirs);
    assert.match(ours, /FATAL platform-api exited: .*\(exit code 1\)\n?$/);

    const healthy = (await podNames('app=controller'))[0] ?? '';
    const none = await pods.previousLog({ namespace: NS, name: healthy, container: 'controller' }, AbortSignal.timeout(20_000));
    assert.ok(!none.ok);
    assert.ok(isNoPreviousContainer(none.error.message), none.error.message);
    const kubectlSays = await k('logs', healthy, '-c', 'controller', '--previous').then(() => '', (e: { stderr?: string }) => e.stderr ?? '');
    assert.match(kubectlSays, new RegExp(`previous terminated container "controller" in pod "${healthy}" not found`));
    const text = previousLogText({ context: 'phoenix-dev', namespace: NS, pod: healthy, container: 'controller', log: { error: none.error.message } }, new Date());
    assert.match(text, /There is no previous container: controller has not terminated/);
    await k('rollout', 'undo', 'deployment/platform-api');
  });

  it('Delete Pods by the deployment\'s selector deletes what kubectl lists, and its ReplicaSet recreates them', async () => {
    const before = await podNames('app=controller');
    assert.ok(before.length >= 1);
    const listed = await pods.podsBySelector(NS, 'app=controller');
    assert.ok(listed.ok);
    assert.deepEqual(listed.value.map((p) => p.metadata?.name).sort(), before);
    const cache = new Map();
    const recreations = await Promise.all(listed.value.map((p) => recreationOf(p, (ns, rs) => pods.ownerOfReplicaSet(ns, rs), cache)));
    assert.ok(recreations.every((r) => r.recreated && /^ReplicaSet controller-\w+ of deployment controller will create a replacement/.test(r.text)), JSON.stringify(recreations));
    for (const p of listed.value) {
      const r = await pods.deletePod({ namespace: NS, name: p.metadata?.name ?? '', uid: p.metadata?.uid });
      assert.ok(r.ok, !r.ok ? r.error.message : '');
    }
    await waitFor('as many new controller pods, all Ready, none of the old', async () => {
      const out = await k('get', 'pods', '-l', 'app=controller', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status} {.metadata.deletionTimestamp}{"\\n"}{end}');
      const rows = out.split('\n').filter(Boolean).map((l) => l.split(' '));
      const live = rows.filter(([, , deleting]) => !deleting);
      return live.length === before.length && live.every(([n, ready]) => ready === 'True' && !before.includes(n ?? '')) && rows.every(([n]) => !before.includes(n ?? ''));
    }, { timeoutMs: 90_000, intervalMs: 300 });
  });

  it('a bare pod is said to be gone for good, and is; a delete bound to an old uid is refused', async () => {
    await k('run', 'scratch', '--image=ghcr.io/phoenix/tools:1.0.0', '--restart=Never');
    const p = await waitFor('the bare pod', async () => {
      const r = await pods.getPod({ namespace: NS, name: 'scratch' });
      return r.ok && r.value;
    });
    const recreation = await recreationOf(p, () => Promise.reject(new Error('a bare pod has no ReplicaSet to read')));
    assert.equal(recreation.recreated, false);
    assert.match(recreation.text, /bare pod .*gone for good/);
    const stale = await pods.deletePod({ namespace: NS, name: 'scratch', uid: 'not-its-uid' });
    assert.ok(!stale.ok && stale.error.kind === 'conflict', JSON.stringify(stale));
    const r = await pods.deletePod({ namespace: NS, name: 'scratch', uid: p.metadata?.uid });
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    await waitFor('the bare pod gone (and not back)', async () => (await env.kubectl('--context=phoenix-dev', '-n', NS, 'get', 'pods', '--field-selector=metadata.name=scratch', '-o', 'name')).trim() === '', { timeoutMs: 60_000, intervalMs: 300 });
    assert.equal((await podNames('run=scratch')).length, 0);
  });
});
