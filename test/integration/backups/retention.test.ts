// Apply Retention on disk: 400 synthetic daily backups (manifest folders) of one series; guide 002's policy keeps
// exactly its set — 30 daily, the week-ends of 12 ISO weeks, the month-ends of 12 months, the year-ends — plus the
// newest verified backup; every other folder is deleted, a backup of another series and an interrupted one untouched.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, manifestText, withVerification } from '../../../src/domain/backups/backupManifest';
import { backupId, partialName } from '../../../src/domain/backups/backupNames';
import { deleteBackup, listBackups, retentionPlans } from '../../../src/domain/backups/backupStore';
import { GUIDE_RETENTION } from '../../../src/domain/backups/retention';
import { manifestBody } from '../../unit/domain/backups/manifestFixture';

const DAY = 86_400_000;
const LAST = Date.UTC(2026, 11, 3, 2, 0, 0);

function writeSynthetic(destination: string, t: Date, opts: { namespace?: string; verified?: boolean } = {}): string {
  const namespace = opts.namespace ?? 'phoenix-system';
  const id = backupId('phoenix-dev', namespace, t);
  let m = buildManifest(manifestBody({ id, namespace, createdAt: t.toISOString(), completedAt: new Date(t.getTime() + 9000).toISOString() }));
  if (opts.verified) m = withVerification(m, { kind: 'testRestore', at: new Date(t.getTime() + 60_000).toISOString(), ok: true, durationMs: 5000, detail: 'rows match' });
  mkdirSync(join(destination, id));
  writeFileSync(join(destination, id, 'manifest.json'), manifestText(m));
  return id;
}

const day = (iso: string) => backupId('phoenix-dev', 'phoenix-system', new Date(`${iso}T02:00:00Z`));

describe('Apply Retention on 400 daily backups', function () {
  this.timeout(60_000);
  let destination: string;
  before(() => {
    destination = mkdtempSync(join(tmpdir(), 'retention-'));
  });
  after(() => rmSync(destination, { recursive: true, force: true }));

  it('keeps exactly guide 002\'s set and the newest verified backup, deletes the rest', async () => {
    for (let i = 0; i < 400; i++) writeSynthetic(destination, new Date(LAST - i * DAY), { verified: i === 200 });
    const other = writeSynthetic(destination, new Date(LAST - 500 * DAY), { namespace: 'phase-5' });
    const interrupted = partialName(backupId('phoenix-dev', 'phoenix-system', new Date(LAST + 3600_000)));
    mkdirSync(join(destination, interrupted));

    const entries = await listBackups(destination);
    assert.equal(entries.length, 402);
    const plans = retentionPlans(entries, GUIDE_RETENTION);
    assert.deepEqual(plans.map((p) => [p.series, p.decisions.length]), [
      ['phoenix-dev/phase-5 · phoenix@127.0.0.1:5432', 1],
      ['phoenix-dev/phoenix-system · phoenix@127.0.0.1:5432', 400],
    ]);
    for (const plan of plans) for (const d of plan.decisions.filter((x) => !x.keep)) await deleteBackup(destination, d.entry.dir);

    const expected = new Set<string>([other, interrupted]);
    for (let i = 0; i < 30; i++) expected.add(backupId('phoenix-dev', 'phoenix-system', new Date(LAST - i * DAY)));
    // Weekly: the Sunday that ends each of the 11 ISO weeks before this one (this week's newest is today).
    for (const d of ['2026-11-29', '2026-11-22', '2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25', '2026-10-18', '2026-10-11', '2026-10-04', '2026-09-27', '2026-09-20']) expected.add(day(d));
    // Monthly: the last day of each of the 11 months before this one.
    for (const d of ['2026-11-30', '2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31']) expected.add(day(d));
    // Yearly: 2025's last backup (2026's is today's).
    expected.add(day('2025-12-31'));
    // The newest verified backup, in no bucket: 200 days ago.
    expected.add(backupId('phoenix-dev', 'phoenix-system', new Date(LAST - 200 * DAY)));
    assert.equal(expected.size, 30 + 7 + 10 + 1 + 1 + 2);
    assert.deepEqual(readdirSync(destination).sort(), [...expected].sort());

    // Applying it again deletes nothing more.
    const again = retentionPlans(await listBackups(destination), GUIDE_RETENTION);
    assert.deepEqual(again.flatMap((p) => p.decisions.filter((d) => !d.keep).map((d) => d.id)), []);
  });

  it('deletes only backup folders inside the destination', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'not-a-backup-'));
    try {
      await assert.rejects(deleteBackup(destination, outside), /is not a backup folder of/);
      await assert.rejects(deleteBackup(destination, join(destination, '..')), /is not a backup folder of/);
      await assert.rejects(deleteBackup(destination, destination), /is not a backup folder of/);
      mkdirSync(join(destination, 'someone-elses-folder'));
      await assert.rejects(deleteBackup(destination, join(destination, 'someone-elses-folder')), /has no manifest\.json: not deleting/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
