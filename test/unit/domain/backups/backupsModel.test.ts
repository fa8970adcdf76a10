// The Backups view's model redraws the view only when the listing changed: a re-read that finds the same folders
// (the view shown again, a file event of no consequence) must not redraw, as a redraw makes a click on a row's
// action land on nothing; a new, removed or re-verified backup must.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestText, withVerification, buildManifest } from '../../../../src/domain/backups/backupManifest';
import { BackupsModel } from '../../../../src/domain/backups/backupsModel';
import { manifestBody } from './manifestFixture';

describe('Backups view model', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'backups-model-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('redraws when a backup appears, is verified or goes, and not when a re-read finds the same', async () => {
    const model = new BackupsModel(() => dir);
    let fired = 0;
    model.onDidChange(() => fired++);
    await model.refresh();
    assert.equal(fired, 1, 'the first listing is shown');
    await model.refresh();
    assert.equal(fired, 1, 'the same listing again: no redraw');

    const m = buildManifest(manifestBody());
    mkdirSync(join(dir, m.id));
    writeFileSync(join(dir, m.id, 'manifest.json'), manifestText(m));
    await model.refresh();
    assert.equal(fired, 2, 'a new backup');
    await model.refresh();
    assert.equal(fired, 2);

    writeFileSync(join(dir, m.id, 'manifest.json'), manifestText(withVerification(m, { kind: 'verify', at: '2026-12-03T04:00:00Z', ok: true, durationMs: 1, detail: 'all match' })));
    await model.refresh();
    assert.equal(fired, 3, 'a verification recorded');

    mkdirSync(join(dir, '.partial-x'));
    await model.refresh();
    assert.equal(fired, 4, 'an interrupted folder');
    rmSync(join(dir, m.id), { recursive: true });
    await model.refresh();
    assert.equal(fired, 5, 'a backup deleted');
    assert.deepEqual(model.snapshot.entries.map((e) => e.kind), ['partial']);
  });

  it('a destination that cannot be read is shown, and shown again once it can', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    let destination = join(file, 'backups');
    const model = new BackupsModel(() => destination);
    let fired = 0;
    model.onDidChange(() => fired++);
    await model.refresh();
    assert.match(model.snapshot.error ?? '', /^Cannot read .*a-file\/backups: ENOTDIR$/);
    await model.refresh();
    assert.equal(fired, 1);
    destination = dir;
    await model.refresh();
    assert.equal(fired, 2);
    assert.equal(model.snapshot.error, undefined);
  });
});
