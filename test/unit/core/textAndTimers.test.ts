// Two small safety helpers: server text put into Markdown stays text, and durations stay inside what a timer honours.
import assert from 'node:assert/strict';
import { escapeMarkdown, markdownCode, markdownText, noLinks } from '../../../src/core/markdown';
import { toServiceError } from '../../../src/clients/http/serviceError';
import { toKubeError } from '../../../src/clients/kubernetes/kubeErrors';
import { AxiosError, AxiosHeaders } from 'axios';
import { clampTimerMs, MAX_TIMER_MS, timeoutProblem } from '../../../src/core/timers';
import { Poller } from '../../../src/core/poller';
import { cellOptions } from '../../../src/domain/runbook/cellAttributes';
import { parseRunbook } from '../../../src/domain/runbook/runbookDocument';

describe('server text in Markdown', () => {
  const hostile = ['```sh', 'touch /tmp/x', '```', '~~~bash', 'rm -rf ~', '~~~', '[a](command:x) ![i](https://e/i.png) <img src=x> $(zap) # h', '    indented', '1. list', '> quote'].join('\n');

  it('escapes everything Markdown or a runbook fence could read as syntax; no fence survives a save', () => {
    const md = markdownText(hostile);
    assert.deepEqual(parseRunbook(md).cells.map((c) => c.kind), ['markdown'], 'no code cell when read back as a runbook');
    assert.doesNotMatch(md, /(^|[^\\])(`|~|\[|!\[|<|\$\()/m);
    assert.equal(md.split('\\\n').length, hostile.split('\n').length, 'each line stays a line');
    assert.match(md, /^&nbsp;&nbsp;&nbsp;&nbsp;indented/m, 'leading blanks cannot make an indented code block');
    assert.equal(escapeMarkdown('a\nb *c*'), 'a b \\*c\\*');
  });

  it('a server’s text in a notification carries no link (VS Code makes [x](command:…) clickable there)', () => {
    assert.equal(noLinks('Disk full [Fix it](command:phoenixOps.scaleDeployment) or [docs] (https://x)'), 'Disk full [Fix it] (command:phoenixOps.scaleDeployment) or [docs] (https://x)');
    const link = '[Fix it](command:workbench.action.terminal.new)';
    const axiosErr = new AxiosError('bad', 'ERR_BAD_RESPONSE', undefined, undefined, { status: 500, statusText: 'x', headers: {}, config: { headers: new AxiosHeaders() }, data: { message: link } });
    assert.doesNotMatch(toServiceError('Prometheus', 'http://p', axiosErr).message, /\]\(/);
    assert.doesNotMatch(toKubeError({ statusCode: 500, body: { message: link } }).message, /\]\(/);
  });

  it('code spans hold any text, backticks included, on one line', () => {
    assert.equal(markdownCode('plain'), '`plain`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x`'), '`` `x` ``');
    assert.equal(markdownCode('a\nb'), '`a b`');
  });
});

describe('timer durations', () => {
  it('clamps to what setTimeout honours: never 0, NaN or past 2^31-1 ms (which fire at once)', () => {
    assert.deepEqual([0, -5, Number.NaN, 1.4, 2000, 1e12, Infinity].map((ms) => clampTimerMs(ms)), [1, 1, 1, 1, 2000, MAX_TIMER_MS, MAX_TIMER_MS]);
    assert.equal(clampTimerMs(Number.NaN, { fallback: 5000 }), 5000);
    assert.equal(clampTimerMs(0, { min: 0 }), 0);
  });

  it('says why a duration cannot be a timeout', () => {
    assert.deepEqual([0, -1, Number.NaN, 1, MAX_TIMER_MS, MAX_TIMER_MS + 1].map(timeoutProblem), ['must be longer than 0', 'must be longer than 0', 'must be longer than 0', undefined, undefined, 'must be at most 24 days (the longest timer the platform has)']);
  });

  it('a cell timeout of 0, a negative one or one past the limit is an error, not an instant timeout', () => {
    assert.deepEqual(cellOptions({ timeout: '0' }).errors, ['timeout=0 must be longer than 0: write it like 30s, 5m or 1h']);
    assert.deepEqual(cellOptions({ timeout: '30d' }).errors, ['timeout=30d must be at most 24 days (the longest timer the platform has): write it like 30s, 5m or 1h']);
    assert.equal(cellOptions({ timeout: '30d' }).options.timeoutMs, undefined);
    assert.deepEqual(cellOptions({ timeout: '-5s' }).errors, ['timeout=-5s is not a duration: write it like 30s, 5m, 1h or 1m30s']);
    assert.equal(cellOptions({ timeout: '24d' }).options.timeoutMs, 24 * 86_400_000);
  });

  it('a poller given an interval past the limit schedules the limit (Node would fire a longer one at once: a busy loop)', async () => {
    const delays: number[] = [];
    const real = globalThis.setTimeout;
    globalThis.setTimeout = ((_fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return real(() => undefined, 0);
    }) as typeof setTimeout;
    try {
      const p = new Poller(() => Promise.resolve());
      p.setInterval(1e12);
      await p.refresh();
      p.setInterval(Number.NaN);
      assert.equal(p.isPolling, false);
      p.dispose();
    } finally {
      globalThis.setTimeout = real;
    }
    assert.ok(delays.length > 0);
    assert.ok(delays.every((d) => d > 0 && d <= MAX_TIMER_MS), delays.join(', '));
  });
});
