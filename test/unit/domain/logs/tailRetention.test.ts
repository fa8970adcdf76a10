// What a log tail keeps: the spool file (Save to File has every line, up to its cap), the recorder (the
// last bufferLines replayed to a reloaded page, one colour per pod, what went by too fast counted).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogSpool } from '../../../../src/domain/logs/logSpool';
import { TailRecorder } from '../../../../src/domain/logs/tailRecorder';
import type { TailLine } from '../../../../src/domain/logs/logTail';
import { waitFor } from '../../../shared/waitFor';

const line = (source: number, text: string, ts = ''): TailLine => ({ source, text, ts, key: ts });

describe('log spool (Save to File)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves every line appended, in order, byte for byte (multi-byte text counted in bytes)', async () => {
    const spool = await LogSpool.create(join(dir, 'nested', 'tail.log'));
    assert.equal(spool.append('a\n'), true);
    assert.equal(spool.append('ünïcødé ✓\n'), true);
    assert.equal(spool.size, 2 + Buffer.byteLength('ünïcødé ✓\n'));
    const dest = join(dir, 'saved.log');
    await spool.saveTo(dest);
    assert.equal(readFileSync(dest, 'utf8'), 'a\nünïcødé ✓\n');
    assert.equal(statSync(spool.file).mode & 0o777, 0o600, 'only the user may read what the logs say');
    await spool.dispose();
  });

  it('stops at its cap: the text that would pass it is refused, and so is everything after', async () => {
    const spool = await LogSpool.create(join(dir, 'tail.log'), 10);
    assert.equal(spool.append('12345\n'), true);
    assert.equal(spool.isFull, false);
    assert.equal(spool.append('1234\n'), false, '6 + 5 bytes would pass 10');
    assert.equal(spool.isFull, true);
    assert.equal(spool.append('1\n'), false, 'full means full, even for what would fit');
    assert.equal(spool.size, 6);
    await spool.saveTo(join(dir, 'saved.log'));
    assert.equal(readFileSync(join(dir, 'saved.log'), 'utf8'), '12345\n');
    await spool.dispose();
  });

  it('takes text that fills it exactly', async () => {
    const spool = await LogSpool.create(join(dir, 'tail.log'), 6);
    assert.equal(spool.append('12345\n'), true);
    assert.equal(spool.isFull, false);
    await spool.dispose();
  });

  it('reports a write that failed instead of saving a truncated file, and keeps nothing more', async () => {
    const spool = new LogSpool(join(dir, 'missing-dir', 'tail.log')); // create() would make the directory
    await waitFor('the spool to report its failed open', () => spool.error);
    assert.match(spool.error?.message ?? '', /ENOENT/);
    assert.equal(spool.append('x\n'), false);
    await assert.rejects(spool.saveTo(join(dir, 'saved.log')), /ENOENT/);
    assert.equal(existsSync(join(dir, 'saved.log')), false);
  });

  it('removes its file when the panel closes', async () => {
    const spool = await LogSpool.create(join(dir, 'tail.log'));
    spool.append('x\n');
    await spool.saveTo(join(dir, 'saved.log')); // written: the file is there
    assert.equal(existsSync(spool.file), true);
    await spool.dispose();
    assert.equal(existsSync(spool.file), false);
  });

  it('closes quietly when its file is already gone (a cleaned temp dir)', async () => {
    const spool = await LogSpool.create(join(dir, 'tail.log'));
    await spool.saveTo(join(dir, 'saved.log'));
    rmSync(spool.file);
    await spool.dispose();
  });
});

describe('tail recorder (what the panel keeps and replays)', () => {
  let dir: string;
  let spool: LogSpool;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recorder-'));
    spool = await LogSpool.create(join(dir, 'tail.log'));
  });
  afterEach(async () => {
    await spool.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each pod one colour, shared by its containers, in the order pods appear', () => {
    const r = new TailRecorder(spool, 100);
    assert.deepEqual(
      [r.addSource(0, 'api-1', 'app'), r.addSource(1, 'api-1', 'sidecar'), r.addSource(2, 'api-2', 'app'), r.addSource(3, 'api-3', 'app')].map((s) => s.colour),
      [0, 0, 1, 2],
    );
    assert.deepEqual(r.sources[1], { id: 1, pod: 'api-1', container: 'sidecar', colour: 0 });
  });

  it('writes every line to the spool with its pod, container and timestamp, and shows it', async () => {
    const r = new TailRecorder(spool, 100);
    r.addSource(0, 'api-1', 'app');
    const { show, spoolJustFilled } = r.record([line(0, 'started', '2026-01-01T00:00:00.000000001Z'), line(0, 'untimed'), line(7, 'from an unknown source')]);
    assert.deepEqual(show, [
      [0, 'started', '2026-01-01T00:00:00.000000001Z'],
      [0, 'untimed', ''],
      [7, 'from an unknown source', ''],
    ]);
    assert.equal(spoolJustFilled, false);
    await spool.saveTo(join(dir, 'saved.log'));
    assert.equal(readFileSync(join(dir, 'saved.log'), 'utf8'), '[api-1/app] 2026-01-01T00:00:00.000000001Z started\n[api-1/app] untimed\n[?/?] from an unknown source\n');
  });

  it('holds a bounded replay buffer: up to 1.25 × bufferLines, then back to bufferLines; replays never more than bufferLines', () => {
    const r = new TailRecorder(spool, 8);
    r.addSource(0, 'p', 'c');
    const held: number[] = [];
    for (let i = 1; i <= 14; i++) {
      r.record([line(0, `l${i}`)]);
      held.push(r.retained);
      const replay = r.lastLines().map((l) => l[1]);
      assert.deepEqual(replay, Array.from({ length: Math.min(i, 8) }, (_, k) => `l${i - Math.min(i, 8) + 1 + k}`), `replay after ${i}`);
    }
    // 10 = 8 × 1.25 is still kept; the 11th line trims back to 8.
    assert.deepEqual(held, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 8, 9, 10, 8]);
  });

  it('does not call a failed spool full: only a spool at its cap says so', async () => {
    const broken = new LogSpool(join(dir, 'missing-dir', 'tail.log'));
    await waitFor('the spool to fail', () => broken.error);
    const r = new TailRecorder(broken, 10);
    r.addSource(0, 'p', 'c');
    assert.deepEqual(r.record([line(0, 'x')]), { show: [[0, 'x', '']], spoolJustFilled: false });
  });

  it('replays exactly the last bufferLines lines, oldest first, however the batches came', () => {
    const r = new TailRecorder(spool, 10);
    r.addSource(0, 'p', 'c');
    for (let i = 0; i < 37; i++) r.record([line(0, `l${i}`)]);
    assert.deepEqual(r.lastLines().map((l) => l[1]), Array.from({ length: 10 }, (_, i) => `l${27 + i}`));
    r.record(Array.from({ length: 3 }, (_, i) => line(0, `m${i}`)));
    assert.deepEqual(r.lastLines().map((l) => l[1]), ['l30', 'l31', 'l32', 'l33', 'l34', 'l35', 'l36', 'm0', 'm1', 'm2']);
  });

  it('shows at most bufferLines of a batch (the newest), counts the rest as skipped, and still saves them all', async () => {
    const r = new TailRecorder(spool, 4);
    r.addSource(0, 'p', 'c');
    const { show } = r.record(Array.from({ length: 10 }, (_, i) => line(0, `l${i}`)));
    assert.deepEqual(show.map((l) => l[1]), ['l6', 'l7', 'l8', 'l9']);
    assert.deepEqual(r.status({ state: 'live', streaming: 1, followed: 1, received: 10 }), { state: 'live', streaming: 1, followed: 1, received: 10, skipped: 6 });
    r.record([line(0, 'x')]);
    assert.equal(r.status({ state: 'live', streaming: 1, followed: 1, received: 11 }).skipped, 6, 'a small batch skips nothing');
    await spool.saveTo(join(dir, 'saved.log'));
    assert.equal(readFileSync(join(dir, 'saved.log'), 'utf8').split('\n').length - 1, 11);
  });

  it('says once that the spool filled up; lines are still shown after that', async () => {
    await spool.dispose();
    spool = await LogSpool.create(join(dir, 'small.log'), 30);
    const r = new TailRecorder(spool, 100);
    r.addSource(0, 'p', 'c');
    assert.equal(r.record([line(0, 'fits')]).spoolJustFilled, false);
    const filling = r.record([line(0, 'this one is too long for the rest')]);
    assert.deepEqual([filling.spoolJustFilled, filling.show.length], [true, 1]);
    const after = r.record([line(0, 'more')]);
    assert.deepEqual([after.spoolJustFilled, after.show.length], [false, 1]);
  });
});
