// Timestamps that sort whatever their precision, de-duplication at a reconnect seam (no line lost, none
// twice, even lines sharing a timestamp), and interleaving of several pods' lines by time.
import assert from 'node:assert/strict';
import { parseTimedLine, resumeSinceTime, timestampKey } from '../../../../src/domain/logs/logLine';
import { mergeByTime } from '../../../../src/domain/logs/mergeLines';
import { StreamPosition } from '../../../../src/domain/logs/seamDeduper';

const line = (ts: string, text: string) => parseTimedLine(`${ts} ${text}`);

describe('log lines', () => {
  it('keys sort in time order although RFC 3339 Nano drops trailing zeros', () => {
    const stamps = ['2026-01-01T00:00:00.25Z', '2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.500000001Z', '2026-01-01T00:00:01Z', '2026-01-01T01:00:00.1+01:00'];
    const keys = stamps.map(timestampKey);
    assert.ok(keys.every((k) => k !== ''));
    // The +01:00 stamp is 00:00:00.1 UTC: earliest of all.
    assert.deepEqual([...keys].sort(), [keys[4], keys[0], keys[1], keys[2], keys[3]]);
    assert.ok('2026-01-01T00:00:00Z' > '2026-01-01T00:00:00.9Z', 'as plain strings the whole second sorts after its fractions ("Z" > ".")');
    assert.ok(timestampKey('2026-01-01T00:00:00Z') < timestampKey('2026-01-01T00:00:00.9Z'));
  });

  it('splits the kubelet timestamp from the text; a line without one is kept whole', () => {
    assert.deepEqual(parseTimedLine('2026-01-01T00:00:00.123456789Z INFO hello world', 3), { ts: '2026-01-01T00:00:00.123456789Z', key: timestampKey('2026-01-01T00:00:00.123456789Z'), text: 'INFO hello world', source: 3 });
    assert.deepEqual(parseTimedLine('no stamp here'), { ts: '', key: '', text: 'no stamp here', source: -1 });
    assert.equal(resumeSinceTime('2026-01-01T10:20:30.999Z'), '2026-01-01T10:20:30Z');
  });
});

describe('StreamPosition (reconnect seam)', () => {
  it('drops what the resumed stream repeats and keeps everything new', () => {
    const p = new StreamPosition();
    const first = [line('2026-01-01T00:00:10.1Z', 'a'), line('2026-01-01T00:00:10.2Z', 'b'), line('2026-01-01T00:00:10.3Z', 'c')];
    assert.deepEqual(first.map((l) => p.accept(l)), [true, true, true]);
    assert.equal(resumeSinceTime(p.lastTs), '2026-01-01T00:00:10Z');
    p.beginSeam();
    // The API resumes from the whole second: a, b, c again, then d, e.
    const resumed = [...first, line('2026-01-01T00:00:10.4Z', 'd'), line('2026-01-01T00:00:11Z', 'e')];
    assert.deepEqual(resumed.map((l) => p.accept(l)), [false, false, false, true, true]);
  });

  it('lines sharing the last timestamp: the ones seen are dropped, a new one with that stamp is kept', () => {
    const p = new StreamPosition();
    const t = '2026-01-01T00:00:10.5Z';
    assert.ok(p.accept(line(t, 'x')) && p.accept(line(t, 'y')));
    p.beginSeam();
    assert.deepEqual([line(t, 'x'), line(t, 'y'), line(t, 'z'), line('2026-01-01T00:00:10.6Z', 'w')].map((l) => p.accept(l)), [false, false, true, true]);
  });

  it('survives two reconnects at the same position', () => {
    const p = new StreamPosition();
    const t = '2026-01-01T00:00:10.5Z';
    p.accept(line(t, 'x'));
    p.accept(line(t, 'y'));
    p.beginSeam();
    assert.equal(p.accept(line(t, 'x')), false);
    p.beginSeam(); // dropped again before the stream moved on
    assert.deepEqual([line(t, 'x'), line(t, 'y'), line('2026-01-01T00:00:11Z', 'z')].map((l) => p.accept(l)), [false, false, true]);
  });

  it('has no position until a timed line, and a seam begun without one drops nothing', () => {
    const p = new StreamPosition();
    assert.equal(p.hasPosition, false);
    p.beginSeam(); // a first connection that failed before any line
    assert.ok(p.accept(line('2026-01-01T00:00:10Z', 'first')));
    assert.equal(p.hasPosition, true);
    assert.equal(p.lastTs, '2026-01-01T00:00:10Z');
    assert.ok(p.accept(parseTimedLine('untimed')));
    assert.equal(p.lastTs, '2026-01-01T00:00:10Z', 'an untimed line does not move the position');
  });

  it('an untimed line between keeps the position, so the seam after it still de-duplicates', () => {
    const p = new StreamPosition();
    const t = '2026-01-01T00:00:10.5Z';
    p.accept(line(t, 'x'));
    p.accept(parseTimedLine('  at Object.<anonymous> (stack trace line)'));
    p.beginSeam();
    assert.deepEqual([line(t, 'x'), line('2026-01-01T00:00:11Z', 'y')].map((l) => p.accept(l)), [false, true]);
  });

  it('a seam ends at the first line past it: later repeats of a text, and late older lines, are the log', () => {
    const p = new StreamPosition();
    const t = '2026-01-01T00:00:10.5Z';
    const later = '2026-01-01T00:00:11Z';
    p.accept(line(t, 'x'));
    p.accept(line(t, 'heartbeat'));
    p.beginSeam();
    assert.equal(p.accept(line(t, 'x')), false, 'repeated at the seam');
    // "heartbeat" at the seam's timestamp was not repeated yet; a later heartbeat is a new line.
    assert.equal(p.accept(line(later, 'heartbeat')), true, 'same text, later time: new');
    assert.equal(p.accept(line(later, 'heartbeat')), true, 'past the seam, a second heartbeat in the same instant is the log too');
    assert.equal(p.accept(line(t, 'late')), true, 'past the seam, an older timestamp (clock skew) is not a repeat');
  });

  it('outside a seam, an older timestamp is kept (containers do write out of order)', () => {
    const p = new StreamPosition();
    assert.ok(p.accept(line('2026-01-01T00:00:11Z', 'b')));
    assert.ok(p.accept(line('2026-01-01T00:00:10Z', 'a')));
  });

  it('never drops lines without a timestamp, and outside a seam accepts everything', () => {
    const p = new StreamPosition();
    assert.ok(p.accept(line('2026-01-01T00:00:10Z', 'a')));
    assert.ok(p.accept(parseTimedLine('untimed')));
    assert.ok(p.accept(line('2026-01-01T00:00:10Z', 'a')), 'a real repeat of a line inside one stream is the log, not a duplicate');
  });
});

describe('mergeByTime', () => {
  it('interleaves streams by time, keeps each stream in order and untimed lines next to their predecessor', () => {
    const a = [line('2026-01-01T00:00:01Z', 'a1'), line('2026-01-01T00:00:03Z', 'a3')];
    const b = [line('2026-01-01T00:00:02Z', 'b2'), parseTimedLine('b-untimed'), line('2026-01-01T00:00:04Z', 'b4')];
    assert.deepEqual(mergeByTime([...a, ...b]).map((l) => l.text), ['a1', 'b2', 'b-untimed', 'a3', 'b4']);
    const sorted = [...a];
    assert.equal(mergeByTime(sorted), sorted, 'an ordered batch is returned as is');
  });
});
