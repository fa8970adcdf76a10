// The Backups view as data: what runs first, then backups newest first with time (UTC), context/namespace, size,
// verified state and age; interrupted and damaged folders say so; a backup expands into its contents and history.
import assert from 'node:assert/strict';
import { buildManifest, withVerification } from '../../../../src/domain/backups/backupManifest';
import { backupChildren, backupsRoots, backupTime } from '../../../../src/domain/backups/backupNodes';
import type { BackupsSnapshot } from '../../../../src/domain/backups/backupsModel';
import { manifestBody } from './manifestFixture';

const now = new Date('2026-12-03T06:00:00Z');
const manifest = buildManifest(manifestBody());
const snapshot = (over: Partial<BackupsSnapshot> = {}): BackupsSnapshot => ({
  destination: '/backups',
  loaded: true,
  activities: [],
  entries: [
    { kind: 'partial', id: 'phoenix-dev_phoenix-system_20261203-050000Z', dir: '/backups/.partial-x', modified: new Date('2026-12-03T05:00:00Z') },
    { kind: 'complete', id: manifest.id, dir: `/backups/${manifest.id}`, manifest: withVerification(manifest, { kind: 'verify', at: '2026-12-03T04:00:00Z', ok: true, durationMs: 1200, detail: 'all match' }) },
    { kind: 'damaged', id: 'old', dir: '/backups/old', problem: 'manifest.json was changed or damaged: its integrity checksum does not match its content', modified: new Date('2026-11-01T00:00:00Z') },
  ],
  ...over,
});

describe('Backups view rows', () => {
  it('one row per backup: time in UTC, context/namespace, size, verified state, age', () => {
    const rows = backupsRoots(snapshot(), now);
    assert.deepEqual(rows.map((r) => r.kind), ['partial', 'backup', 'damaged']);
    const b = rows[1];
    assert.equal(b.kind === 'backup' && b.label, '2026-12-03 02:00 UTC');
    assert.equal(b.kind === 'backup' && b.description, 'phoenix-dev/phoenix-system · 121 KiB · verified 2 h ago ✓ · 4 h old');
    assert.equal(b.kind === 'backup' && b.state, 'verified');
    assert.match(b.kind === 'backup' ? b.tooltip : '', /1203 rows · 8 resources · no Secrets/);
    assert.equal(rows[0].label, '⚠ incomplete: phoenix-dev_phoenix-system_20261203-050000Z');
    assert.equal(rows[0].description, 'interrupted 1 h ago · not a backup');
    assert.equal(rows[2].label, '✗ old');
    assert.match(rows[2].description, /integrity checksum does not match/);
  });

  it('a folder interrupted moments ago says "interrupted just now", never "just now ago"', () => {
    const partial = { kind: 'partial' as const, id: 'p', dir: '/backups/.partial-p', modified: new Date(now.getTime() - 20_000) };
    const [row] = backupsRoots(snapshot({ entries: [partial] }), now);
    assert.equal(row.description, 'interrupted just now · not a backup');
    const [later] = backupsRoots(snapshot({ entries: [{ ...partial, modified: new Date(now.getTime() - 5 * 60_000) }] }), now);
    assert.equal(later.description, 'interrupted 5 min ago · not a backup');
  });

  it('what runs is shown on top; a destination that cannot be read replaces the list', () => {
    const running = backupsRoots(snapshot({ activities: [{ kind: 'backingUp', context: 'phoenix-dev', namespace: 'phase-5', message: 'Dumping database phoenix: 12.0 MiB written' }, { kind: 'verifying', id: 'b1', message: 'checksums' }] }), now);
    assert.deepEqual(running.slice(0, 2).map((r) => [r.kind, r.label, r.description]), [
      ['activity', 'Backing up phoenix-dev/phase-5', 'Dumping database phoenix: 12.0 MiB written'],
      ['activity', 'Verifying b1', 'checksums'],
    ]);
    const broken = backupsRoots(snapshot({ error: 'Cannot read /backups: EACCES' }), now);
    assert.deepEqual(broken.map((r) => [r.kind, r.description]), [['error', 'Cannot read /backups: EACCES']]);
  });

  it('a backup expands into its database, resources, Secrets and newest verifications', () => {
    const b = backupsRoots(snapshot(), now)[1];
    assert.ok(b.kind === 'backup');
    const children = backupChildren(b, now);
    assert.deepEqual(children.map((c) => [c.label, c.description]), [
      ['Database phoenix', '2 tables · 1203 rows · 121 KiB'],
      ['Resources', '1 ConfigMap · 7 Deployment'],
      ['Secrets', 'not included'],
      ['Verified 2026-12-03 04:00 UTC', '✓ all match'],
    ]);
    const never = backupsRoots(snapshot({ entries: [{ kind: 'complete', id: manifest.id, dir: '/b', manifest }] }), now)[0];
    assert.ok(never.kind === 'backup');
    assert.equal(never.state, 'never');
    assert.deepEqual(backupChildren(never, now).map((c) => c.label).slice(-1), ['Never verified']);
  });

  it('backup time reads the same in every time zone', () => {
    assert.equal(backupTime('2026-01-31T23:59:59.000Z'), '2026-01-31 23:59 UTC');
  });
});
