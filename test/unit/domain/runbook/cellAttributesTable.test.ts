// Cell attributes decide what a step may do (context, timeout, confirm, excludeFromRunAll): table-tested,
// with what must NOT be read as set (flags that are not Runme's true) outnumbering the rest. Runme's vectors are the spec.
import assert from 'node:assert/strict';
import { attributeProblems, cellOptions, extractAttributes, parseAttributes, parseDuration, parseFenceInfo, parseHtmlAttributes, parseJsonAttributes, runmeBool } from '../../../../src/domain/runbook/cellAttributes';

const OFF = { excludeFromRunAll: false, confirm: false, allowFailure: false, background: false };

// Runme's own vectors (pkg/document/attributes_test.go): the HTML-style parser, the JSON parser, the fallback.
describe("Runme's attribute test vectors", () => {
  const html: Array<[string, string, Record<string, string>]> = [
    ['Empty', '{}', {}],
    ['Valid', '{ hello=world key=value val=20 }', { hello: 'world', key: 'value', val: '20' }],
    ['AttributeWithoutValue', '{ hello=world val=20 empty }', { hello: 'world', val: '20', empty: '' }],
  ];
  for (const [name, input, want] of html) it(`HTML ${name}: ${input}`, () => assert.deepEqual(parseHtmlAttributes(input), want));
  const json: Array<[string, string, Record<string, string>]> = [
    ['empty', '{}', {}],
    ['valid', '{"hello":"world","key":"value","val":"20"}', { hello: 'world', key: 'value', val: '20' }],
    ['nested', '{"nested":{"hello":"world"}}', { nested: '{"hello":"world"}' }],
  ];
  for (const [name, input, want] of json) it(`JSON ${name}: ${input}`, () => assert.deepEqual(parseJsonAttributes(input), want));
  it('RetainJSON / RetainHTMLAttributes: each format read by its own parser', () => {
    assert.deepEqual(parseAttributes('{"float":"13.3","key":"value","val":"20"}'), { float: '13.3', key: 'value', val: '20' });
    assert.deepEqual(parseAttributes('{ float=13.3 key=value val=20 }'), { float: '13.3', key: 'value', val: '20' });
  });
  it('Fallback: { name: "test" } is not JSON, so it is read as HTML attributes, without an error', () => {
    assert.deepEqual(parseAttributes('{ name: "test" }'), { 'name:': '', '"test"': '' });
  });
});

describe('fence info strings, as Runme reads them', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['sh { "name":"x" }', { name: 'x' }],
    ['sh {}', {}],
    ['sh { }', {}],
    ['sh', {}],
    ['', {}],
    ['  sh   {name=x}  ', { name: 'x' }],
    // The three disagreements the issue names.
    ['sh { cwd= interactive=false }', { cwd: '', interactive: 'false' }],
    ['sh { excludeFromRunAll }', { excludeFromRunAll: '' }],
    ['sh { name: "test" }', { 'name:': '', '"test"': '' }],
    // Quoting is not special: items split at every single space.
    ['sh { note="two words" }', { note: '"two', 'words"': '' }],
    ["sh { note='x' }", { note: "'x'" }],
    // Spaces around "=" make separate items; a tab is not a separator.
    ['sh { name = x }', { name: '', x: '' }],
    ['sh { name=x\ttimeout=30s }', { name: 'x\ttimeout=30s' }],
    ['sh { a=1  b=2 }', { a: '1', b: '2' }],
    ['sh { a=b=c }', { a: 'b=c' }],
    ['sh { a=1, b=2 }', { a: '1,', b: '2' }],
    // Text around the block, and no space before it.
    ['sh title { name=x } trailing', { name: 'x' }],
    ['sh{name=x}', { name: 'x' }],
    ['sh name=x', {}],
    ['sh { name=x', {}],
    ['sh name=x }', {}],
    // JSON: values as strings; a whole JSON object is read as JSON even when it holds a "}" (where Runme's cut breaks it).
    ['sh {"n":1,"on":false,"s":"v"}', { n: '1', on: 'false', s: 'v' }],
    ['sh {"o":{"k":"v","a":2}}', { o: '{"a":2,"k":"v"}' }],
    ['sh {"context":"cluster/{x}"}', { context: 'cluster/{x}' }],
    ['sh {"a":1} trailing }', { a: '1' }],
    ['sh {"name": }', { '"name":': '' }],
    ['sh {"a":[1,2]}', { a: '[1,2]' }],
    ['sh {} { name=x }', {}],
  ];
  for (const [info, want] of cases) it(`reads ${JSON.stringify(info)}`, () => assert.deepEqual(parseFenceInfo(info).attributes, want));

  it('keeps the language, with or without attributes', () => {
    assert.deepEqual(['sh { name=x }', 'promql{range=1h}', 'bash', '', '{ name=x }', 'python title'].map((i) => parseFenceInfo(i).language), ['sh', 'promql', 'bash', '', '', 'python']);
  });

  it('extracts the block from the first "{" (not "{}") to the first "}"', () => {
    assert.deepEqual(['x {} y', 'a { b } c }', '{a}', 'none', '}{', '{ x'].map(extractAttributes), ['', '{ b }', '{a}', '', '', '']);
  });
});

describe('Runme booleans (Go strconv.ParseBool)', () => {
  const on = ['1', 't', 'T', 'TRUE', 'true', 'True'];
  const off = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
  const neither = ['', 'yes', 'Yes', 'y', 'no', 'TrUe', ' true', 'true ', 'on', '11', 'truthy', '"true"'];
  it('reads true only for 1, t, T, TRUE, true, True', () => {
    assert.deepEqual(on.map(runmeBool), on.map(() => true));
    assert.deepEqual(off.map(runmeBool), off.map(() => false));
    assert.deepEqual(neither.map(runmeBool), neither.map(() => undefined));
    assert.equal(runmeBool(undefined), undefined);
  });
});

describe('cell options (what the cockpit acts on)', () => {
  it('turns excludeFromRunAll, allowFailure and background on only for a Runme true', () => {
    for (const key of ['excludeFromRunAll', 'allowFailure', 'background'] as const) {
      for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(cellOptions({ [key]: v }).options[key], true, `${key}=${v}`);
      for (const v of ['false', 'no', '0', '', 'yes', 'Yes', 'truthy', 'yes please', ' true', '11', 'TrUe']) assert.equal(cellOptions({ [key]: v }).options[key], false, `${key}=${JSON.stringify(v)}`);
    }
    assert.deepEqual(cellOptions({}).options, OFF);
  });

  it('confirm fails safe: written at all, it asks unless it is plainly false', () => {
    for (const v of ['true', '1', '', 'yes', 'please', 'TrUe']) assert.equal(cellOptions({ confirm: v }).options.confirm, true, JSON.stringify(v));
    for (const v of ['false', '0', 'f', 'F', 'FALSE', 'False']) assert.equal(cellOptions({ confirm: v }).options.confirm, false, v);
    assert.equal(cellOptions({}).options.confirm, false);
  });

  it('a context restriction that reads as empty is refused, not dropped', () => {
    for (const info of ['sh { context = phoenix-prod }', 'sh { context= }', 'sh { context }', 'sh {"context":""}']) {
      assert.match(cellOptions(parseFenceInfo(info).attributes).errors.join(), /context has no value/, info);
    }
    assert.deepEqual(cellOptions(parseFenceInfo('sh { context=phoenix-prod }').attributes).errors, []);
  });

  it('an info string that mentions context but yields none is refused', () => {
    const problems = (info: string) => attributeProblems(info, parseFenceInfo(info).attributes);
    for (const info of ['sh {"context": "a" ', 'sh { "context":"x", }', 'sh context=prod', 'sh {context=prod', 'sh { ctx=1 note=context }']) assert.equal(problems(info).length, 1, info);
    for (const info of ['sh { context=prod }', 'sh {"context":"a}b"}', 'sh { name=x }', 'context', 'sh']) assert.deepEqual(problems(info), [], info);
  });

  it('keeps every text option, and ignores empty ones (context aside)', () => {
    const all = { name: 'n', context: 'phoenix-prod', cwd: '/tmp', database: 'db', prometheus: 'http://p', interpreter: 'python3 -u' };
    assert.deepEqual(cellOptions(all).options, { ...all, ...OFF });
    assert.deepEqual(cellOptions({ name: '', cwd: '', database: '', prometheus: '', interpreter: '' }).options, OFF);
  });

  it('reads timeout, range and step as durations and names each bad one', () => {
    assert.deepEqual(cellOptions({ timeout: '90', range: '2h', step: '1m30s' }), { options: { ...OFF, timeoutMs: 90_000, rangeMs: 7_200_000, stepMs: 90_000 }, errors: [] });
    const bad = cellOptions({ timeout: 'soon', range: '1 h', step: '-5s' });
    assert.deepEqual(bad.errors, [
      'timeout=soon is not a duration: write it like 30s, 5m, 1h or 1m30s',
      'range=1 h is not a duration: write it like 30s, 5m, 1h or 1m30s',
      'step=-5s is not a duration: write it like 30s, 5m, 1h or 1m30s',
    ]);
    assert.deepEqual(bad.options, OFF);
  });
});

describe('durations', () => {
  const good: Array<[string, number]> = [['30s', 30_000], [' 30s ', 30_000], ['1m30s', 90_000], ['0.5h', 1_800_000], ['2d', 172_800_000], ['250ms', 250], ['1h0m', 3_600_000], ['30', 30_000], ['30.5', 30_500], ['0', 0], ['1.0005s', 1001]];
  for (const [text, ms] of good) it(`${JSON.stringify(text)} is ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  const bad = ['', ' ', 's', 'ms', '1h 30m', '10x', '-5s', '1.5.2s', '5 s', 'h1', '1e3', '30s!', '.5s'];
  for (const text of bad) it(`${JSON.stringify(text)} is not a duration`, () => assert.equal(parseDuration(text), undefined));
});
