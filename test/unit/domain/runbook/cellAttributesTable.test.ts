// Cell attributes decide what a step may do (context, timeout, confirm, excludeFromRunAll): table-tested,
// with what must NOT be read as set (malformed blocks, flags that are not "true") outnumbering the rest.
import assert from 'node:assert/strict';
import { cellOptions, parseDuration, parseFenceInfo } from '../../../../src/domain/runbook/cellAttributes';

describe('fence info strings', () => {
  const cases: Array<[string, ReturnType<typeof parseFenceInfo>]> = [
    ['sh { "name":"x" }', { language: 'sh', attributes: { name: 'x' } }],
    ['sh {}', { language: 'sh', attributes: {} }],
    ['sh { }', { language: 'sh', attributes: {} }],
    ['  sh   {name=x}  ', { language: 'sh', attributes: { name: 'x' } }],
    ['sh { interactive }', { language: 'sh', attributes: { interactive: 'true' } }],
    ['sh { a=1, b=2 }', { language: 'sh', attributes: { a: '1', b: '2' } }],
    ["sh { note='two words' }", { language: 'sh', attributes: { note: 'two words' } }],
    ['sh { note="say \\"hi\\"" }', { language: 'sh', attributes: { note: 'say "hi"' } }],
    ['sh { note="bad \\q escape" }', { language: 'sh', attributes: { note: 'bad \\q escape' } }],
    ['sh {"n":1,"on":false,"o":{"k":"v"}}', { language: 'sh', attributes: { n: '1', on: 'false', o: '{"k":"v"}' } }],
  ];
  for (const [info, want] of cases) it(`reads ${JSON.stringify(info)}`, () => assert.deepEqual(parseFenceInfo(info), want));

  const malformed: Array<[string, RegExp]> = [
    ['sh { name=x', /is not an attribute block/],
    ['sh name=x }', /is not an attribute block/],
    ['sh {"name": }', /not valid JSON/],
    ['sh { =x }', /cannot read the attributes at "=x"/],
    ['sh { name=x = }', /cannot read the attributes at "="/],
    ['sh {"a":1', /is not an attribute block/],
  ];
  for (const [info, error] of malformed) {
    it(`says why ${JSON.stringify(info)} cannot be read, keeping the language`, () => {
      const r = parseFenceInfo(info);
      assert.equal(r.language, 'sh');
      assert.match(r.error ?? '', error);
    });
  }

  it('a JSON array is not an attribute block', () => {
    assert.match(parseFenceInfo('sh [1]').error ?? '', /is not an attribute block/);
  });
});

describe('cell options (what the cockpit acts on)', () => {
  it('turns a flag on only for true, yes or 1, in any case', () => {
    for (const on of ['true', 'TRUE', 'yes', 'Yes', '1']) assert.equal(cellOptions({ confirm: on }).options.confirm, true, on);
    for (const off of ['false', 'no', '0', '', 'truthy', 'yes please', ' true', '11']) {
      assert.equal(cellOptions({ confirm: off }).options.confirm, false, JSON.stringify(off));
      assert.equal(cellOptions({ excludeFromRunAll: off }).options.excludeFromRunAll, false, JSON.stringify(off));
      assert.equal(cellOptions({ allowFailure: off }).options.allowFailure, false, JSON.stringify(off));
    }
    assert.deepEqual(cellOptions({}).options, { excludeFromRunAll: false, confirm: false, allowFailure: false });
  });

  it('keeps every text option, and ignores empty ones', () => {
    const all = { name: 'n', context: 'phoenix-prod', cwd: '/tmp', database: 'db', prometheus: 'http://p' };
    assert.deepEqual(cellOptions(all).options, { ...all, excludeFromRunAll: false, confirm: false, allowFailure: false });
    assert.deepEqual(cellOptions({ name: '', context: '', cwd: '', database: '', prometheus: '' }).options, { excludeFromRunAll: false, confirm: false, allowFailure: false });
  });

  it('reads timeout, range and step as durations and names each bad one', () => {
    assert.deepEqual(cellOptions({ timeout: '90', range: '2h', step: '1m30s' }), { options: { excludeFromRunAll: false, confirm: false, allowFailure: false, timeoutMs: 90_000, rangeMs: 7_200_000, stepMs: 90_000 }, errors: [] });
    const bad = cellOptions({ timeout: 'soon', range: '1 h', step: '-5s' });
    assert.deepEqual(bad.errors, [
      'timeout=soon is not a duration: write it like 30s, 5m, 1h or 1m30s',
      'range=1 h is not a duration: write it like 30s, 5m, 1h or 1m30s',
      'step=-5s is not a duration: write it like 30s, 5m, 1h or 1m30s',
    ]);
    assert.deepEqual(bad.options, { excludeFromRunAll: false, confirm: false, allowFailure: false });
  });
});

describe('durations', () => {
  const good: Array<[string, number]> = [['30s', 30_000], [' 30s ', 30_000], ['1m30s', 90_000], ['0.5h', 1_800_000], ['2d', 172_800_000], ['250ms', 250], ['1h0m', 3_600_000], ['30', 30_000], ['30.5', 30_500], ['0', 0], ['1.0005s', 1001]];
  for (const [text, ms] of good) it(`${JSON.stringify(text)} is ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  const bad = ['', ' ', 's', 'ms', '1h 30m', '10x', '-5s', '1.5.2s', '5 s', 'h1', '1e3', '30s!', '.5s'];
  for (const text of bad) it(`${JSON.stringify(text)} is not a duration`, () => assert.equal(parseDuration(text), undefined));
});
