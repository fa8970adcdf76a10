// JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7386), including the RFCs' own examples.
import assert from 'node:assert/strict';
import { applyPatch, patchTypeOf } from '../../../../../sandbox/kube/server/patch/applyPatch';
import { applyJsonPatch } from '../../../../../sandbox/kube/server/patch/jsonPatch';
import { applyMergePatch } from '../../../../../sandbox/kube/server/patch/mergePatch';
import { PatchError, type Json } from '../../../../../sandbox/kube/server/patch/patchTypes';
import { ApiError } from '../../../../../sandbox/kube/server/status';

describe('JSON patch (RFC 6902)', () => {
  const doc = (): Json => ({ foo: 'bar', list: ['a', 'b'], nested: { 'a/b': 1, 'm~n': 2 } });

  it('adds to objects and arrays (index and "-")', () => {
    assert.deepEqual(
      applyJsonPatch(doc(), [
        { op: 'add', path: '/baz', value: 'qux' },
        { op: 'add', path: '/list/1', value: 'x' },
        { op: 'add', path: '/list/-', value: 'z' },
      ]),
      { foo: 'bar', baz: 'qux', list: ['a', 'x', 'b', 'z'], nested: { 'a/b': 1, 'm~n': 2 } },
    );
  });

  it('removes and replaces, with ~0/~1 escapes', () => {
    assert.deepEqual(
      applyJsonPatch(doc(), [
        { op: 'remove', path: '/list/0' },
        { op: 'replace', path: '/nested/a~1b', value: 10 },
        { op: 'remove', path: '/nested/m~0n' },
      ]),
      { foo: 'bar', list: ['b'], nested: { 'a/b': 10 } },
    );
  });

  it('moves and copies', () => {
    assert.deepEqual(applyJsonPatch(doc(), [{ op: 'move', from: '/foo', path: '/moved' }]), { list: ['a', 'b'], nested: { 'a/b': 1, 'm~n': 2 }, moved: 'bar' });
    assert.deepEqual((applyJsonPatch(doc(), [{ op: 'copy', from: '/list', path: '/copy' }]) as { copy: Json }).copy, ['a', 'b']);
  });

  it('test passes on equal values and fails otherwise (422)', () => {
    assert.doesNotThrow(() => applyJsonPatch(doc(), [{ op: 'test', path: '/nested', value: { 'm~n': 2, 'a/b': 1 } }]));
    assert.throws(() => applyJsonPatch(doc(), [{ op: 'test', path: '/foo', value: 'nope' }]), (e: unknown) => e instanceof PatchError && e.code === 422);
  });

  it('replace on a missing key fails; the whole patch is atomic', () => {
    const d = doc();
    assert.throws(() => applyJsonPatch(d, [{ op: 'add', path: '/x', value: 1 }, { op: 'replace', path: '/missing', value: 1 }]), /missing/);
    assert.deepEqual(d, doc());
  });

  it('applies what kubectl rollout undo sends', () => {
    const deploy: Json = { metadata: { annotations: { a: '1' } }, spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } };
    const out = applyJsonPatch(deploy, [
      { op: 'replace', path: '/spec/template', value: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
    ]);
    assert.deepEqual(out, {
      metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } },
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
    });
  });

  it('rejects a patch that is not an array of operations (400)', () => {
    assert.throws(() => applyJsonPatch(doc(), { op: 'add' }), (e: unknown) => e instanceof PatchError && e.code === 400);
    assert.throws(() => applyJsonPatch(doc(), [{ op: 'frobnicate', path: '/foo' }]), (e: unknown) => e instanceof PatchError && e.code === 400);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('passes the RFC 7386 appendix examples', () => {
    const cases: [Json, Json, Json][] = [
      [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
      [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
      [{ a: 'b' }, { a: null }, {}],
      [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
      [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
      [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
      [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
      [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
      [['a', 'b'], ['c', 'd'], ['c', 'd']],
      [{ a: 'b' }, ['c'], ['c']],
      [{ a: 'foo' }, null, null],
      [{ a: 'foo' }, 'bar', 'bar'],
      [{ e: null }, { a: 1 }, { e: null, a: 1 }],
      [[1, 2], { a: 'b', c: null }, { a: 'b' }],
      [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    ];
    for (const [target, patch, want] of cases) assert.deepEqual(applyMergePatch(target, patch), want, JSON.stringify({ target, patch }));
  });
});

describe('patch dispatch by Content-Type', () => {
  it('maps the three media types and rejects others with 415', () => {
    assert.equal(patchTypeOf('application/json-patch+json'), 'json');
    assert.equal(patchTypeOf('application/merge-patch+json; charset=utf-8'), 'merge');
    assert.equal(patchTypeOf('application/strategic-merge-patch+json'), 'strategic');
    assert.throws(() => patchTypeOf('application/apply-patch+yaml'), (e: unknown) => e instanceof ApiError && e.code === 415);
  });

  it('turns patch failures into 422 Invalid and malformed patches into 400', () => {
    assert.throws(() => applyPatch('json', { a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), (e: unknown) => e instanceof ApiError && e.code === 422);
    assert.throws(() => applyPatch('strategic', { a: 1 }, [1]), (e: unknown) => e instanceof ApiError && e.code === 400);
    assert.throws(() => applyPatch('merge', { a: 1 }, 'x'), (e: unknown) => e instanceof ApiError && e.code === 422);
  });
});
