// Names on disk and words in the view: sortable folder names, partial names, scratch database names PostgreSQL takes
// unquoted; sizes, ages and the verified state as the Backups view shows them.
import assert from 'node:assert/strict';
import { buildManifest, withVerification } from '../../../../src/domain/backups/backupManifest';
import { backupId, compactTime, isPartialName, partialName, scratchDatabaseName, slug } from '../../../../src/domain/backups/backupNames';
import { humanAge, humanBytes, totalRows, totalSize, verifiedState, verifiedText } from '../../../../src/domain/backups/backupText';
import { manifestBody } from './manifestFixture';

describe('backup names', () => {
  const t = new Date('2026-12-03T02:00:05.123Z');
  it('a backup id is context, namespace and compact UTC time, made safe for any file system', () => {
    assert.equal(compactTime(t), '20261203-020005Z');
    assert.equal(backupId('phoenix-dev', 'phoenix-system', t), 'phoenix-dev_phoenix-system_20261203-020005Z');
    assert.equal(backupId('arn:aws:eks:eu-west-1:123:cluster/Prod', 'ns', t), 'arn-aws-eks-eu-west-1-123-cluster-prod_ns_20261203-020005Z');
    assert.equal(slug('../..'), 'unnamed');
    assert.equal(slug('A b/C'), 'a-b-c');
    assert.equal(slug('x'.repeat(80)).length, 60);
  });

  it('a taken id gets -2, -3 …', () => {
    const taken = new Set(['a_b_20261203-020005Z', 'a_b_20261203-020005Z-2']);
    assert.equal(backupId('a', 'b', t, (id) => taken.has(id)), 'a_b_20261203-020005Z-3');
  });

  it('partial folders are hidden and recognisable', () => {
    assert.equal(partialName('x'), '.partial-x');
    assert.equal(isPartialName('.partial-x'), true);
    assert.equal(isPartialName('x'), false);
    assert.equal(isPartialName('partial-x'), false);
  });

  it('scratch databases are <db>_verify_<time>, lower case, at most 63 bytes', () => {
    assert.equal(scratchDatabaseName('phoenix', t), 'phoenix_verify_20261203020005');
    assert.equal(scratchDatabaseName('My-DB', t), 'my_db_verify_20261203020005');
    assert.equal(scratchDatabaseName('9lives', t), 'lives_verify_20261203020005');
    assert.equal(scratchDatabaseName('---', t), 'db_verify_20261203020005');
    const long = scratchDatabaseName('x'.repeat(100), t);
    assert.equal(long.length, 63);
    assert.ok(long.endsWith('_verify_20261203020005'));
  });
});

describe('backup text', () => {
  it('sizes in binary units', () => {
    assert.deepEqual([0, 1023, 1024, 1536, 10 * 1024 * 1024, 250 * 1024 * 1024, 3 * 1024 ** 3].map(humanBytes), ['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '10.0 MiB', '250 MiB', '3.0 GiB']);
  });

  it('ages in the largest unit that fits', () => {
    const s = 1000;
    assert.deepEqual([-5 * s, 59 * s, 60 * s, 59 * 60 * s, 2 * 3600 * s, 47 * 3600 * s, 48 * 3600 * s, 13 * 86400 * s, 14 * 86400 * s].map(humanAge), [
      'just now',
      'just now',
      '1 min',
      '59 min',
      '2 h',
      '47 h',
      '2 d',
      '13 d',
      '2 w',
    ]);
  });

  it('the verified state comes from the newest verification', () => {
    const now = new Date('2026-12-03T06:00:00Z');
    const m = buildManifest(manifestBody());
    assert.equal(verifiedText(verifiedState(m), now), 'never verified');
    const ok = withVerification(m, { kind: 'verify', at: '2026-12-03T04:00:00Z', ok: true, durationMs: 1, detail: 'all good' });
    assert.equal(verifiedText(verifiedState(ok), now), 'verified 2 h ago ✓');
    const restored = withVerification(ok, { kind: 'testRestore', at: '2026-12-03T05:59:30Z', ok: true, durationMs: 1, detail: 'rows match' });
    assert.equal(verifiedText(verifiedState(restored), now), 'test-restored just now ✓');
    const bad = withVerification(restored, { kind: 'verify', at: '2026-12-03T06:00:00Z', ok: false, durationMs: 1, detail: 'database.dump has changed' });
    assert.equal(verifiedState(bad).kind, 'failed');
    assert.equal(verifiedText(verifiedState(bad), now), '✗ database.dump has changed');
  });

  it('totals of a manifest', () => {
    const m = buildManifest(manifestBody());
    assert.equal(totalSize(m), 123456 + 812);
    assert.equal(totalRows(m), 1203);
  });
});
