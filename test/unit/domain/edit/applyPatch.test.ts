import * as assert from 'node:assert/strict';
import { applyPatchFor, LAST_APPLIED, lastAppliedOf, withLastApplied } from '../../../../src/domain/edit/applyPatch';

const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'prod', labels: { app: 'api' } }, data: { b: '2', a: '1' } };

describe('applyPatch (client-side apply, as kubectl builds it)', () => {
  it('records the manifest in the last-applied annotation as kubectl writes it: sorted keys, an empty annotations map, a trailing newline', () => {
    const out = withLastApplied(manifest);
    const annotation = (out.metadata as { annotations: Record<string, string> }).annotations[LAST_APPLIED];
    assert.equal(annotation, '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"api"},"name":"settings","namespace":"prod"}}\n');
    assert.equal((manifest.metadata as Record<string, unknown>).annotations, undefined, 'the input is not changed');
  });

  it('never nests an old last-applied annotation inside the new one', () => {
    const twice = withLastApplied(withLastApplied(manifest));
    const annotation = (twice.metadata as { annotations: Record<string, string> }).annotations[LAST_APPLIED] ?? '';
    assert.doesNotMatch(annotation, /last-applied/);
    assert.deepEqual(lastAppliedOf(twice), JSON.parse(annotation));
  });

  it('deletes map keys the previous apply set and the manifest no longer has', () => {
    const live = withLastApplied({ ...manifest, data: { a: '1', b: '2', gone: 'x' }, metadata: { ...manifest.metadata, labels: { app: 'api', old: 'y' } } });
    const patch = applyPatchFor(manifest, live);
    assert.equal((patch.data as Record<string, unknown>).gone, null);
    assert.equal((patch.metadata as { labels: Record<string, unknown> }).labels.old, null);
    assert.equal((patch.data as Record<string, unknown>).a, '1');
  });

  it('leaves alone what someone else set (not in the last-applied configuration)', () => {
    const live = { ...withLastApplied(manifest), data: { a: '1', b: '2', added_by_hand: 'z' } };
    const patch = applyPatchFor(manifest, live);
    assert.equal('added_by_hand' in (patch.data as Record<string, unknown>), false);
  });

  it('an unreadable or absent annotation means no deletions', () => {
    assert.equal(lastAppliedOf({ metadata: { annotations: { [LAST_APPLIED]: '{not json' } } }), undefined);
    assert.equal(lastAppliedOf({ metadata: { annotations: { [LAST_APPLIED]: '[1]' } } }), undefined);
    assert.equal(lastAppliedOf({ metadata: {} }), undefined);
    const patch = applyPatchFor(manifest, { metadata: { annotations: { [LAST_APPLIED]: '{not json' } } });
    assert.deepEqual(patch.data, manifest.data);
  });
});
