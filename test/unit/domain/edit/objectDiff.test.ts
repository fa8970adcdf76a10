import * as assert from 'node:assert/strict';
import { editableObject, editableYaml } from '../../../../src/domain/edit/editableObject';
import { changeSummary, comparableObject, fieldChanges } from '../../../../src/domain/edit/objectDiff';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'prod', resourceVersion: '41', generation: 3, labels: { app: 'api' }, managedFields: [{ manager: 'kubectl' }] },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'api', image: 'api:1.0' }] } } },
  status: { readyReplicas: 2 },
};

describe('editableObject / editableYaml', () => {
  it('leaves out managedFields and status, keeps resourceVersion (as kubectl edit), and does not touch its input', () => {
    const e = editableObject(live);
    assert.equal(e.status, undefined);
    assert.equal((e.metadata as Record<string, unknown>).managedFields, undefined);
    assert.equal((e.metadata as Record<string, unknown>).resourceVersion, '41');
    assert.deepEqual(live.status, { readyReplicas: 2 });
    assert.equal(live.metadata.managedFields.length, 1);
  });

  it('says what the document is in a comment above the object', () => {
    const text = editableYaml(live, 'phoenix-prod');
    assert.match(text, /^# deployment\/api in prod on phoenix-prod\. Save to apply/);
    assert.match(text, /^ {8}- name: api\n {10}image: api:1\.0$/m);
    assert.doesNotMatch(text, /readyReplicas|manager: kubectl|^status:/m);
  });
});

describe('fieldChanges / changeSummary', () => {
  it('finds no change between an object and itself once server counters are set aside', () => {
    const after = structuredClone(live);
    after.metadata.resourceVersion = '42';
    after.metadata.generation = 4;
    after.status.readyReplicas = 1;
    assert.deepEqual(fieldChanges(comparableObject(live), comparableObject(after)), []);
    assert.equal(changeSummary([]), 'no changes');
  });

  it('names each changed leaf by its path, old and new', () => {
    const after = structuredClone(live);
    after.spec.replicas = 3;
    after.spec.template.spec.containers[0].image = 'api:1.1';
    assert.deepEqual(fieldChanges(comparableObject(live), comparableObject(after)), [
      { path: 'spec.replicas', before: 2, after: 3 },
      { path: 'spec.template.spec.containers[0].image', before: 'api:1.0', after: 'api:1.1' },
    ]);
  });

  it('reports added and removed fields, quoting keys that are not plain names', () => {
    const before = { metadata: { labels: { app: 'api', 'app.kubernetes.io/tier': 'web' } } };
    const after = { metadata: { labels: { app: 'api', team: 'sre' } } };
    const changes = fieldChanges(before, after);
    assert.deepEqual(changes, [
      { path: 'metadata.labels["app.kubernetes.io/tier"]', before: 'web' },
      { path: 'metadata.labels.team', after: 'sre' },
    ]);
    assert.equal(changeSummary(changes), '2 fields changed: metadata.labels["app.kubernetes.io/tier"] removed; metadata.labels.team added');
  });

  it('a list that changed length is one change at the list', () => {
    const changes = fieldChanges({ args: ['a'] }, { args: ['a', 'b'] });
    assert.deepEqual(changes, [{ path: 'args', before: ['a'], after: ['a', 'b'] }]);
    assert.equal(changeSummary(changes), '1 field changed: args changed');
  });

  it('tells a value from its string (2 is not "2") and null from absent', () => {
    assert.equal(fieldChanges({ a: 2 }, { a: '2' }).length, 1);
    assert.deepEqual(fieldChanges({ a: null }, {}), [{ path: 'a', before: null }]);
  });

  it('keeps the summary short: at most four fields, then a count, long values cut', () => {
    const before = { a: 1, b: 1, c: 1, d: 1, e: 1, f: 'x'.repeat(60) };
    const after = { a: 2, b: 2, c: 2, d: 2, e: 2, f: 'y'.repeat(60) };
    const s = changeSummary(fieldChanges(before, after));
    assert.equal(s, '6 fields changed: a: 1 → 2; b: 1 → 2; c: 1 → 2; d: 1 → 2; and 2 more');
    assert.match(changeSummary(fieldChanges({ f: before.f }, { f: after.f })), /f: "x{36}… → "y{36}…$/);
  });
});
