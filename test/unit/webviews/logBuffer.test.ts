// The log panel's bounded buffer (browser code without DOM): the newest `capacity` entries kept, the
// filter applied to old and new lines, notices never filtered away, pause holding new lines back (bounded).
import assert from 'node:assert/strict';
import type { WireLine } from '../../../src/shared/logTailProtocol';
import { LogBuffer } from '../../../webviews/logTail/logBuffer';

const lines = (from: number, to: number, source = 0): WireLine[] => Array.from({ length: to - from }, (_, i) => [source, `line ${from + i}`, '']);
/** What the page would show: the visible entries' texts, in order. */
const shown = (b: LogBuffer) => b.visible.map((i) => b.entry(i)?.text);
const noFilter = { include: '', exclude: '', regex: false, caseSensitive: false };

describe('log buffer (what the log panel shows)', () => {
  it('keeps every line while under capacity, in arrival order, notices between them', () => {
    const b = new LogBuffer(100);
    assert.equal(b.currentFilter.ok && b.currentFilter.empty, true, 'a new buffer filters nothing');
    b.addLines(lines(0, 3));
    b.addNotice({ level: 'warning', text: 'Reconnecting…', time: 1 });
    b.addLines(lines(3, 5));
    assert.deepEqual(shown(b), ['line 0', 'line 1', 'line 2', 'Reconnecting…', 'line 3', 'line 4']);
    assert.equal(b.size, 6);
  });

  it('drops the oldest past its capacity and never keeps more than 10 % over it', () => {
    const b = new LogBuffer(100);
    for (let i = 0; i < 1000; i += 7) b.addLines(lines(i, Math.min(i + 7, 1000)));
    assert.ok(b.size <= 110, `kept ${b.size}`);
    assert.ok(b.size >= 100, `kept only ${b.size}`);
    const texts = shown(b);
    assert.equal(texts.at(-1), 'line 999', 'the newest line is there');
    assert.equal(texts.length, b.size);
    assert.deepEqual(texts, lines(1000 - b.size, 1000).map((l) => l[1]), 'a contiguous run of the newest lines');
  });

  it('trims to exactly its capacity when it trims, and keeps the visible indices pointing at the right lines', () => {
    const b = new LogBuffer(10);
    b.addLines(lines(0, 11)); // 11 ≤ 10 × 1.1: kept
    assert.equal(b.size, 11);
    b.addLines(lines(11, 12)); // 12 > 11: trimmed to 10
    assert.equal(b.size, 10);
    assert.deepEqual(shown(b), lines(2, 12).map((l) => l[1]));
  });

  it('says how many shown lines each trim took off the front, so the page can hold a scrolled-up reader still', () => {
    const b = new LogBuffer(10);
    b.addLines(lines(0, 11));
    assert.equal(b.takeTrimmed(), 0, 'nothing trimmed under 110 %');
    b.addLines(lines(11, 14)); // 14 entries: the 4 oldest go
    assert.equal(b.takeTrimmed(), 4);
    assert.equal(b.takeTrimmed(), 0, 'told once');
    // Filtered: only the trimmed lines that were shown count (the rows the page drew).
    b.setFilter({ ...noFilter, include: 'line 1' }); // line 10..19 shown of those kept
    b.addLines(lines(14, 16)); // 12 entries: 2 go (line 4, line 5), neither shown
    assert.equal(b.takeTrimmed(), 0);
    assert.deepEqual(shown(b), ['line 10', 'line 11', 'line 12', 'line 13', 'line 14', 'line 15']);
    b.addLines(lines(16, 22)); // 16 entries: line 6..11 go, line 10 and line 11 were shown
    assert.equal(b.takeTrimmed(), 2);
    assert.equal(shown(b)[0], 'line 12');
  });

  it('counts shown lines as they arrive (not held, not filtered away) for the "new lines below" button', () => {
    const b = new LogBuffer(100);
    b.addLines(lines(0, 5));
    assert.equal(b.appended, 5);
    b.setFilter({ ...noFilter, include: 'line 1' });
    b.addLines(lines(5, 12)); // only line 10 and line 11 pass
    assert.equal(b.appended, 7);
    b.setPaused(true);
    b.addLines(lines(12, 20));
    assert.equal(b.appended, 7, 'held lines are not shown yet');
    b.setPaused(false);
    assert.equal(b.appended, 15, 'line 12..19 pass the filter once released');
    b.addLines(lines(200, 2000));
    assert.equal(b.appended, 15 + 1000, 'of line 200..1999 only line 1000..1999 pass "line 1"');
  });

  it('filters by pod/container and text, old lines included; notices always show', () => {
    const b = new LogBuffer(100);
    b.sources.set(0, { id: 0, pod: 'api-7d9-a', container: 'app', colour: 0 });
    b.sources.set(1, { id: 1, pod: 'web-5c2-b', container: 'app', colour: 1 });
    b.addLines([
      [0, 'GET /health 200', ''],
      [1, 'ERROR upstream timed out', ''],
      [0, 'ERROR db connection refused', ''],
    ]);
    b.addNotice({ level: 'info', text: 'Following new pod web-5c2-c.', time: 2 });
    assert.equal(b.setFilter({ ...noFilter, include: 'error' }), undefined);
    assert.deepEqual(shown(b), ['ERROR upstream timed out', 'ERROR db connection refused', 'Following new pod web-5c2-c.']);
    b.setFilter({ ...noFilter, include: 'api-7d9' });
    assert.deepEqual(shown(b), ['GET /health 200', 'ERROR db connection refused', 'Following new pod web-5c2-c.'], 'the pod name is searchable');
    b.setFilter({ ...noFilter, include: 'error', exclude: 'db' });
    assert.deepEqual(shown(b), ['ERROR upstream timed out', 'Following new pod web-5c2-c.']);
    b.addLines([[1, 'ERROR again', ''], [1, 'INFO fine', ''], [0, 'ERROR db again', '']]);
    assert.deepEqual(shown(b).slice(-2), ['Following new pod web-5c2-c.', 'ERROR again'], 'new lines go through the filter too');
    b.setFilter({ ...noFilter, include: 'error', caseSensitive: true });
    assert.deepEqual(shown(b), ['Following new pod web-5c2-c.'], 'case-sensitive: "error" is not "ERROR"');
  });

  it('searches a line as "pod/container text"; a line of an unknown source by its text alone', () => {
    const b = new LogBuffer(100);
    b.sources.set(0, { id: 0, pod: 'api-1', container: 'sidecar', colour: 0 });
    b.addLines([[0, 'hello', ''], [5, 'orphan', '']]);
    b.setFilter({ ...noFilter, include: '^api-1/sidecar hello$', regex: true });
    assert.deepEqual(shown(b), ['hello']);
    b.setFilter({ ...noFilter, include: '^/ orphan$', regex: true });
    assert.deepEqual(shown(b), ['orphan']);
  });

  it('refuses a regular expression that does not compile, keeping the filter it had', () => {
    const b = new LogBuffer(100);
    b.addLines([[0, 'alpha', ''], [0, 'beta', '']]);
    b.setFilter({ ...noFilter, include: 'alp' });
    const err = b.setFilter({ ...noFilter, include: '(unclosed', regex: true });
    assert.equal(err?.field, 'include');
    assert.match(err?.error ?? '', /Unterminated group|unclosed|Invalid/i);
    assert.deepEqual(shown(b), ['alpha'], 'the old filter still applies');
  });

  it('paused: what is shown stays as it is, new lines wait and arrive in order on resume', () => {
    const b = new LogBuffer(100);
    b.addLines(lines(0, 2));
    b.setPaused(true);
    b.addLines(lines(2, 5));
    b.addNotice({ level: 'info', text: 'notice while paused', time: 3 });
    assert.deepEqual(shown(b), ['line 0', 'line 1']);
    assert.equal(b.waitingCount, 4);
    b.setPaused(false);
    assert.equal(b.waitingCount, 0);
    assert.deepEqual(shown(b), ['line 0', 'line 1', 'line 2', 'line 3', 'line 4', 'notice while paused']);
  });

  it('paused for long: the waiting lines are bounded too, the newest kept', () => {
    const b = new LogBuffer(8);
    b.setPaused(true);
    b.addLines(lines(0, 10)); // 10 = 8 × 1.25: all wait
    assert.equal(b.waitingCount, 10);
    b.addLines(lines(10, 11)); // 11 > 10: the newest 8 wait
    assert.equal(b.waitingCount, 8);
    b.setPaused(false);
    assert.deepEqual(shown(b), lines(3, 11).map((l) => l[1]));
  });

  it('clear empties what is shown and what waits', () => {
    const b = new LogBuffer(10);
    b.addLines(lines(0, 3));
    b.setPaused(true);
    b.addLines(lines(3, 5));
    b.clear();
    b.setPaused(false);
    assert.deepEqual([b.size, b.visible.length, b.waitingCount], [0, 0, 0]);
  });
});
