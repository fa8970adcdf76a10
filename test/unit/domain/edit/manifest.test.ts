import * as assert from 'node:assert/strict';
import { formatManifestError, parseEdited, parseManifest } from '../../../../src/domain/edit/manifest';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\nspec:\n  replicas: 2\n';

describe('parseManifest', () => {
  it('reads every document with the line it starts on, skipping empty ones as kubectl does', () => {
    const r = parseManifest(`# header\n---\n${deployment}---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n`);
    assert.ok(r.ok);
    assert.deepEqual(r.docs.map((d) => [d.index, d.line, d.id.kind, d.id.name, d.id.namespace]), [
      [1, 3, 'Deployment', 'api', 'prod'],
      [2, 13, 'ConfigMap', 'settings', undefined],
    ]);
    assert.deepEqual(r.docs[1]?.object.data, { a: '1' });
  });

  it('names the line of a syntax error and reads nothing', () => {
    const r = parseManifest(`${deployment}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n  b: 3\n`);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.ok(r.errors.length >= 1);
    assert.ok(r.errors.every((e) => typeof e.line === 'number' && e.line >= 14), JSON.stringify(r.errors));
  });

  it('refuses a duplicated key (YAML would silently keep one) with its line', () => {
    const r = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n  a: "2"\n');
    assert.ok(!r.ok);
    assert.equal(r.errors[0]?.line, 7);
    assert.match(r.errors[0]?.message ?? '', /unique/i);
  });

  it('says which fields an object lacks, on its line', () => {
    const r = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\nkind: ConfigMap\nmetadata: {}\n');
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [{ line: 6, message: 'apiVersion, metadata.name are missing' }]);
  });

  it('refuses a scalar or a list where an object belongs', () => {
    for (const text of ['just a string\n', '- a\n- b\n', '42\n']) {
      const r = parseManifest(text);
      assert.ok(!r.ok, text);
      assert.match(r.errors[0]?.message ?? '', /must be a mapping/);
    }
  });

  it('an empty file (or only comments) is an error, not "nothing applied"', () => {
    for (const text of ['', '# nothing\n', '---\n---\n']) {
      const r = parseManifest(text);
      assert.ok(!r.ok, JSON.stringify(text));
      assert.match(r.errors[0]?.message ?? '', /no Kubernetes object/);
    }
  });

  it('formats an error with its line, or without when it has none', () => {
    assert.equal(formatManifestError({ line: 4, message: 'bad' }), 'line 4: bad');
    assert.equal(formatManifestError({ message: 'bad' }), 'bad');
  });
});

describe('parseEdited', () => {
  const opened = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'prod' };

  it('accepts the opened object, changed', () => {
    const r = parseEdited(deployment.replace('replicas: 2', 'replicas: 3'), opened);
    assert.ok(r.ok);
    assert.equal((r.object.spec as { replicas: number }).replicas, 3);
  });

  it('accepts an omitted namespace (the opened one is meant)', () => {
    assert.ok(parseEdited(deployment.replace('  namespace: prod\n', ''), opened).ok);
  });

  it('refuses another name, namespace, kind or apiVersion: that would be another object', () => {
    const cases: [string, RegExp][] = [
      [deployment.replace('name: api', 'name: api2'), /metadata\.name cannot change from "api" to "api2"/],
      [deployment.replace('namespace: prod', 'namespace: dev'), /metadata\.namespace cannot change from "prod" to "dev"/],
      [deployment.replace('kind: Deployment', 'kind: StatefulSet'), /kind cannot change/],
      [deployment.replace('apps/v1', 'apps/v1beta1'), /apiVersion cannot change/],
    ];
    for (const [text, message] of cases) {
      const r = parseEdited(text, opened);
      assert.ok(!r.ok, text);
      assert.match(r.error.message, message);
      assert.equal(r.error.line, 1);
    }
  });

  it('refuses a second document, naming its line', () => {
    const r = parseEdited(`${deployment}---\n${deployment}`, opened);
    assert.ok(!r.ok);
    assert.equal(r.error.line, 9);
    assert.match(r.error.message, /one object/);
  });

  it('passes a YAML error through with its line', () => {
    const r = parseEdited(`${deployment}\tpaused: true\n`, opened);
    assert.ok(!r.ok);
    assert.deepEqual(r.error, { line: 8, message: 'Tabs are not allowed as indentation' });
  });
});
