// What recreates a deleted pod, said before the delete: only a known controller is promised to bring it back.
import assert from 'node:assert/strict';
import type { V1OwnerReference } from '@kubernetes/client-node';
import { recreationOf, recreationSummary, whatRecreates } from '../../../../src/domain/pods/podRecreation';

const ref = (kind: string, name: string): V1OwnerReference => ({ apiVersion: 'v1', kind, name, uid: `${kind}-${name}`, controller: true });

describe('whatRecreates', () => {
  const notRecreated: [string, Parameters<typeof whatRecreates>[0], RegExp][] = [
    ['a bare pod', {}, /Nothing will recreate it: a bare pod/],
    ['a Job pod', { controller: ref('Job', 'migrate') }, /Job migrate starts another pod only if .*backoffLimit/],
    ['an unknown controller kind', { controller: ref('Workflow', 'w1') }, /Workflow\/w1, a kind the cockpit does not know: it may not be recreated/],
    ['a lower-case replicaset kind (not ours to guess)', { controller: ref('replicaset', 'x') }, /may not be recreated/],
    ['an empty kind', { controller: ref('', 'x') }, /may not be recreated/],
  ];
  for (const [what, chain, text] of notRecreated) {
    it(`${what}: not promised`, () => {
      const r = whatRecreates(chain);
      assert.equal(r.recreated, false);
      assert.match(r.text, text);
    });
  }
  const recreated: [string, Parameters<typeof whatRecreates>[0], RegExp][] = [
    ['a Deployment pod', { controller: ref('ReplicaSet', 'api-7d9f'), grandOwner: ref('Deployment', 'api') }, /^ReplicaSet api-7d9f of deployment api will create a replacement, with a new name/],
    ['a bare ReplicaSet pod', { controller: ref('ReplicaSet', 'rs'), grandOwner: ref('Workflow', 'x') }, /^ReplicaSet rs will create a replacement/],
    ['a StatefulSet pod', { controller: ref('StatefulSet', 'db') }, /same name and volumes/],
    ['a DaemonSet pod', { controller: ref('DaemonSet', 'agent') }, /same node/],
    ['a ReplicationController pod', { controller: ref('ReplicationController', 'legacy') }, /^ReplicationController legacy will create a replacement/],
  ];
  for (const [what, chain, text] of recreated) {
    it(`${what}: recreated`, () => {
      const r = whatRecreates(chain);
      assert.equal(r.recreated, true);
      assert.match(r.text, text);
    });
  }
  it('summarises many pods by distinct answer', () => {
    const a = whatRecreates({ controller: ref('ReplicaSet', 'rs'), grandOwner: ref('Deployment', 'api') });
    const b = whatRecreates({});
    assert.equal(recreationSummary([a]), a.text);
    assert.equal(recreationSummary([a, a, a]), `3 × ${a.text}`);
    assert.equal(recreationSummary([a, b, a]), `2 × ${a.text}\n1 × ${b.text}`);
  });
});

describe('recreationOf', () => {
  const podOf = (name: string, owner?: V1OwnerReference) => ({ metadata: { name, namespace: 'ns', ...(owner ? { ownerReferences: [owner, { ...ref('Other', 'x'), controller: false }] } : {}) } });
  it("reads a ReplicaSet's owner once for all its pods, and says the Deployment", async () => {
    const reads: string[] = [];
    const read = (ns: string, rs: string) => (reads.push(`${ns}/${rs}`), Promise.resolve(ref('Deployment', 'api')));
    const cache = new Map();
    const rs = ref('ReplicaSet', 'api-1');
    const all = await Promise.all([podOf('a', rs), podOf('b', rs), podOf('c', rs)].map((p) => recreationOf(p, read, cache)));
    assert.deepEqual(reads, ['ns/api-1']);
    assert.ok(all.every((r) => r.recreated && /of deployment api/.test(r.text)));
  });
  it('goes by the controller reference, not the first owner; a StatefulSet pod reads nothing', async () => {
    let reads = 0;
    const read = () => (reads++, Promise.resolve(ref('Deployment', 'x')));
    const pod = { metadata: { name: 'db-0', namespace: 'ns', ownerReferences: [{ ...ref('ReplicaSet', 'not-the-controller'), controller: false }, ref('StatefulSet', 'db')] } };
    const r = await recreationOf(pod, read);
    assert.equal(reads, 0);
    assert.match(r.text, /^StatefulSet db will recreate it with the same name/);
  });
  it('reads a ReplicaSet of the same name once per namespace, in the pod\'s namespace', async () => {
    const reads: string[] = [];
    const read = (ns: string, rs: string) => (reads.push(`${ns}/${rs}`), Promise.resolve(undefined));
    const cache = new Map();
    const rs = ref('ReplicaSet', 'api-1');
    await recreationOf({ metadata: { name: 'a', namespace: 'one', ownerReferences: [rs] } }, read, cache);
    await recreationOf({ metadata: { name: 'b', namespace: 'two', ownerReferences: [rs] } }, read, cache);
    await recreationOf({ metadata: { name: 'c', ownerReferences: [rs] } }, read, cache);
    assert.deepEqual(reads, ['one/api-1', 'two/api-1', '/api-1']);
  });
  it('a bare pod reads nothing; an unreadable ReplicaSet owner still promises the ReplicaSet only', async () => {
    let reads = 0;
    const bare = await recreationOf(podOf('bare'), () => (reads++, Promise.resolve(undefined)));
    assert.equal(reads, 0);
    assert.equal(bare.recreated, false);
    const noOwner = await recreationOf(podOf('a', ref('ReplicaSet', 'rs')), () => Promise.resolve(undefined));
    assert.match(noOwner.text, /^ReplicaSet rs will create a replacement/);
  });
});
