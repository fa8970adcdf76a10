// The audit log's file: appended to for the life of an installation, so it rotates instead of growing without
// bound, and no line is split or lost across a rotation until its generation is the oldest and is dropped.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendRotating, generations } from '../../../src/core/rotatingFile';

describe('rotating file (the audit log on disk)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rotating-'));
    file = join(dir, 'audit.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const line = (i: number) => `{"n":${String(i).padStart(3, '0')}}\n`; // 12 bytes
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');

  it('names its generations oldest first, the current file last', () => {
    assert.deepEqual(generations('/s/audit.jsonl', 3), ['/s/audit.jsonl.3', '/s/audit.jsonl.2', '/s/audit.jsonl.1', '/s/audit.jsonl']);
    assert.deepEqual(generations('/s/audit.jsonl', 0), ['/s/audit.jsonl']);
  });

  it('appends without rotating while the next line fits', async () => {
    for (let i = 0; i < 5; i++) await appendRotating(file, line(i), { maxBytes: 60, keep: 2 });
    assert.equal(read(file), [0, 1, 2, 3, 4].map(line).join(''), 'exactly 60 bytes: still one file');
    assert.equal(existsSync(`${file}.1`), false);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'readable by its owner only');
  });

  it('rotates before a line that would not fit, keeps `keep` generations and drops the oldest; no line split or lost meanwhile', async () => {
    const r = { maxBytes: 36, keep: 2 }; // three lines a file
    for (let i = 0; i < 8; i++) await appendRotating(file, line(i), r);
    assert.equal(read(`${file}.2`), [0, 1, 2].map(line).join(''));
    assert.equal(read(`${file}.1`), [3, 4, 5].map(line).join(''));
    assert.equal(read(file), [6, 7].map(line).join(''));
    for (let i = 8; i < 13; i++) await appendRotating(file, line(i), r);
    const all = generations(file, r.keep).map(read).join('');
    assert.equal(all, [6, 7, 8, 9, 10, 11, 12].map(line).join(''), 'files of 0–2 and 3–5 were dropped as the oldest; everything newer is there, in order');
    assert.equal(read(file), line(12));
    for (const f of generations(file, r.keep)) assert.ok(statSync(f).size <= r.maxBytes, `${f} within its bound`);
    assert.equal(existsSync(`${file}.3`), false, 'never more than keep generations');
  });

  it('writes a line longer than the bound into a file of its own rather than dropping it', async () => {
    const r = { maxBytes: 20, keep: 1 };
    await appendRotating(file, line(1), r);
    const long = `${'x'.repeat(40)}\n`;
    await appendRotating(file, long, r);
    assert.equal(read(file), long);
    assert.equal(read(`${file}.1`), line(1));
    await appendRotating(file, line(2), r);
    assert.equal(read(`${file}.1`), long, 'rotated out whole on the next line');
    assert.equal(read(file), line(2));
  });
});
