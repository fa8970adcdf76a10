// A step's output past the cap: written to its session's folder up to the file limit, the rest dropped and
// counted; folders left by a process that is gone are removed at the next start.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { OutputSpill, removeOrphanedSpills } from '../../../../src/domain/runbook/outputSpill';
import { waitFor } from '../../../shared/waitFor';

describe('output overflow', () => {
  it('shows up to the cap, writes the next bytes up to the file limit, drops and counts the rest', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'spill-')), 'session');
    const shown: string[] = [];
    const spill = new OutputSpill(10, 15, dir, 1, (_s, t) => shown.push(t));
    const dec = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    spill.write('stdout', Buffer.from('0123456'), dec.stdout);
    spill.write('stdout', Buffer.from('789abcdefghij'), dec.stdout);
    spill.write('stderr', Buffer.from('klmnopqrstuvwxyz'), dec.stderr);
    spill.end(dec);
    assert.equal(shown.join(''), '0123456789');
    const r = spill.report();
    assert.ok(r);
    assert.deepEqual([r.bytes, r.dropped], [15, 11]);
    assert.ok(r.file.startsWith(dir));
    await waitFor('the file to be written', () => existsSync(r.file) && readFileSync(r.file, 'utf8') === 'abcdefghijklmno');
  });

  it('reports nothing when everything fitted', () => {
    const spill = new OutputSpill(100, 100, mkdtempSync(join(tmpdir(), 'spill-')), 1, () => undefined);
    const dec = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    spill.write('stdout', Buffer.from('small'), dec.stdout);
    spill.end(dec);
    assert.equal(spill.report(), undefined);
  });

  it('removes the folders of processes that are gone and old flat files, keeps those of live ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'spill-root-'));
    const gone = spawnSync('true').pid;
    assert.ok(gone);
    for (const name of [`${gone}-a`, `${process.pid}-b`]) mkdirSync(join(root, name));
    writeFileSync(join(root, 'runbook-output-2026-01-01-1-1.log'), 'old');
    removeOrphanedSpills(root);
    assert.equal(existsSync(join(root, `${gone}-a`)), false);
    assert.equal(existsSync(join(root, `${process.pid}-b`)), true);
    assert.equal(existsSync(join(root, 'runbook-output-2026-01-01-1-1.log')), false);
    removeOrphanedSpills(join(root, 'missing'));
  });
});
