// The manifest: sorted, checksummed over its own content, `complete: true` last; a damaged, incomplete, foreign or
// changed manifest is refused with a sentence that says which; verifications append without breaking the checksum.
import assert from 'node:assert/strict';
import {
  buildManifest,
  canonicalJson,
  lastVerification,
  manifestIntegrity,
  manifestText,
  parseManifest,
  withVerification,
} from '../../../../src/domain/backups/backupManifest';
import { manifestBody } from './manifestFixture';

describe('backup manifest', () => {
  it('sorts files, tables and kinds, and writes complete: true as its last key', () => {
    const m = buildManifest(manifestBody());
    assert.deepEqual(m.files.map((f) => f.path), ['database.dump', 'resources/configmaps.yaml']);
    assert.deepEqual(m.tables.map((t) => t.table), ['public.agents', 'public.tasks']);
    assert.deepEqual(m.resources.map((r) => r.kind), ['ConfigMap', 'Deployment', 'StatefulSet']);
    assert.equal(m.format, 1);
    assert.equal(m.complete, true);
    assert.deepEqual(m.verifications, []);
    const keys = Object.keys(JSON.parse(manifestText(m)) as object);
    assert.equal(keys[keys.length - 1], 'complete');
    assert.equal(keys[0], 'format');
    assert.ok(manifestText(m).endsWith('}\n'));
  });

  it('round-trips through its text', () => {
    const m = buildManifest(manifestBody());
    const r = parseManifest(manifestText(m));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value, m);
  });

  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson('s'), '"s"');
  });

  it('the integrity checksum changes with any covered field, not with key order or verifications', () => {
    const m = buildManifest(manifestBody());
    const same = { ...m, files: m.files.map((f) => ({ sha256: f.sha256, role: f.role, size: f.size, path: f.path })) };
    assert.equal(manifestIntegrity(same), m.integrity);
    const verified: typeof m = { ...m, verifications: [{ kind: 'verify', at: 'x', ok: true, durationMs: 1, detail: '' }] };
    assert.equal(manifestIntegrity(verified), m.integrity);
    for (const change of [
      { namespace: 'phase-5' },
      { context: 'phoenix-prod' },
      { createdAt: '2026-12-03T02:00:01.000Z' },
      { tables: [{ table: 'public.tasks', rows: 1201 }] },
      { files: [{ ...m.files[0], size: m.files[0].size + 1 }] },
      { secrets: { included: true as const, count: 2, file: 'secrets.enc.json', encryption: 'key' as const, keyId: 'k', names: ['a', 'b'] } },
    ]) {
      assert.notEqual(manifestIntegrity({ ...m, ...change }), m.integrity, JSON.stringify(change));
    }
  });

  it('refuses a manifest whose content was changed after it was written', () => {
    const text = manifestText(buildManifest(manifestBody())).replace('"rows": 1200', '"rows": 1300');
    assert.deepEqual(parseManifest(text), { ok: false, error: 'manifest.json was changed or damaged: its integrity checksum does not match its content' });
  });

  it('refuses broken JSON, other formats, incomplete and malformed manifests with the reason', () => {
    const good = buildManifest(manifestBody());
    const cases: Array<[string, RegExp]> = [
      ['{"format": 1, ', /^manifest\.json is not valid JSON/],
      ['[]', /does not hold an object/],
      [JSON.stringify({ ...good, format: 2 }), /has format 2; this cockpit reads format 1/],
      [JSON.stringify({ ...good, complete: false }), /does not say complete: true/],
      [JSON.stringify({ ...good, complete: undefined }), /does not say complete: true/],
      [JSON.stringify({ ...good, id: 7 }), /malformed: id is not a string/],
      [JSON.stringify({ ...good, files: [{ path: 'x' }] }), /malformed: files must list path, size and sha256/],
      [JSON.stringify({ ...good, tables: 'none' }), /malformed: tables must list/],
      [JSON.stringify({ ...good, resources: [{ kind: 'X' }] }), /malformed: resources must list/],
      [JSON.stringify({ ...good, secrets: null }), /malformed: secrets is missing/],
      [JSON.stringify({ ...good, database: { name: 'phoenix' } }), /malformed: database is incomplete/],
      [JSON.stringify({ ...good, verifications: {} }), /malformed: verifications is not a list/],
    ];
    for (const [text, want] of cases) {
      const r = parseManifest(text);
      assert.equal(r.ok, false, text);
      if (!r.ok) assert.match(r.error, want, text);
    }
  });

  it('keeps entries that share a name in the order they were given', () => {
    const m = buildManifest(manifestBody({ tables: [{ table: 'public.tasks', rows: 1 }, { table: 'public.agents', rows: 3 }, { table: 'public.tasks', rows: 2 }] }));
    assert.deepEqual(m.tables, [
      { table: 'public.agents', rows: 3 },
      { table: 'public.tasks', rows: 1 },
      { table: 'public.tasks', rows: 2 },
    ]);
  });

  it('refuses a manifest whose top level is not an object', () => {
    for (const text of ['"manifest"', '42', 'null', 'true']) assert.deepEqual(parseManifest(text), { ok: false, error: 'manifest.json does not hold an object' }, text);
  });

  it('names the malformed part when one field of the database, a file, a table, a kind or the secrets is missing', () => {
    const good = buildManifest(manifestBody());
    const [file] = good.files;
    const [table] = good.tables;
    const [kind] = good.resources;
    const without = <T extends object>(o: T, k: keyof T): T => ({ ...o, [k]: undefined });
    const cases: Array<[Partial<typeof good>, string]> = [
      [{ database: without(good.database, 'name') }, 'database is incomplete'],
      [{ database: without(good.database, 'file') }, 'database is incomplete'],
      [{ database: without(good.database, 'port') }, 'database is incomplete'],
      [{ database: { ...good.database, port: '5432' as unknown as number } }, 'database is incomplete'],
      [{ files: [without(file, 'path')] }, 'files must list path, size and sha256'],
      [{ files: [without(file, 'size')] }, 'files must list path, size and sha256'],
      [{ files: [without(file, 'sha256')] }, 'files must list path, size and sha256'],
      [{ files: [file, without(file, 'size')] }, 'files must list path, size and sha256'],
      [{ files: [null as unknown as typeof file] }, 'files must list path, size and sha256'],
      [{ tables: [without(table, 'table')] }, 'tables must list table and rows'],
      [{ tables: [without(table, 'rows')] }, 'tables must list table and rows'],
      [{ tables: [table, without(table, 'rows')] }, 'tables must list table and rows'],
      [{ tables: [null as unknown as typeof table] }, 'tables must list table and rows'],
      [{ resources: [without(kind, 'kind')] }, 'resources must list kind and count'],
      [{ resources: [kind, without(kind, 'count')] }, 'resources must list kind and count'],
      [{ resources: [null as unknown as typeof kind] }, 'resources must list kind and count'],
      [{ secrets: {} as typeof good.secrets }, 'secrets is missing'],
      [{ secrets: { included: 'no' } as unknown as typeof good.secrets }, 'secrets is missing'],
    ];
    for (const [change, problem] of cases) {
      const text = JSON.stringify({ ...good, ...change });
      assert.deepEqual(parseManifest(text), { ok: false, error: `manifest.json is malformed: ${problem}` }, text);
    }
  });

  it('appends verifications, newest last, and stays valid', () => {
    const m = buildManifest(manifestBody());
    assert.equal(lastVerification(m), undefined);
    const v1 = { kind: 'verify' as const, at: '2026-12-03T03:00:00Z', ok: true, durationMs: 900, detail: 'checksums, archive and rows match' };
    const v2 = { kind: 'testRestore' as const, at: '2026-12-03T04:00:00Z', ok: false, durationMs: 5000, detail: 'public.tasks: 3 rows, the backup has 4' };
    const twice = withVerification(withVerification(m, v1), v2);
    assert.deepEqual(twice.verifications, [v1, v2]);
    assert.deepEqual(lastVerification(twice), v2);
    assert.deepEqual(m.verifications, [], 'the original is not changed');
    const r = parseManifest(manifestText(twice));
    assert.ok(r.ok);
    const keys = Object.keys(JSON.parse(manifestText(twice)) as object);
    assert.equal(keys[keys.length - 1], 'complete');
  });
});
