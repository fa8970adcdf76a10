// What recreates a deleted pod, said before the delete: only a known controller is promised to bring it back.
import assert from 'node:assert/strict';
import type { V1OwnerReference } from '@kubernetes/client-node';
import { recreationSummary, whatRecreates } from '../../../../src/domain/pods/podRecreation';

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
