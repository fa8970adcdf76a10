import assert from 'node:assert/strict';
import { mergeAlerts } from '../../../../src/domain/alerts/alertMerge';
import { alertQueryCells, splitThreshold } from '../../../../src/domain/alerts/alertQuery';
import { parseRunbook, serializeRunbook } from '../../../../src/domain/runbook/runbookDocument';
import { amAlert } from './alertFixtures';

describe('Show Query: the alert expression as a runbook', () => {
  it('splits a top-level numeric threshold, not comparisons inside braces, brackets, strings or non-numeric sides', () => {
    const errorRate = 'sum by (service) (rate(http_requests_total{status=~"5.."}[20s]))\n  / sum by (service) (rate(http_requests_total[20s])) > 0.05';
    assert.deepEqual(splitThreshold(errorRate), { lhs: errorRate.slice(0, errorRate.lastIndexOf('>')).trim(), op: '>', rhs: '0.05' });
    assert.deepEqual(splitThreshold('time() - phoenix_agent_last_seen_seconds > 300'), { lhs: 'time() - phoenix_agent_last_seen_seconds', op: '>', rhs: '300' });
    assert.deepEqual(splitThreshold('pg_up == 0'), { lhs: 'pg_up', op: '==', rhs: '0' });
    assert.deepEqual(splitThreshold('up >= bool 1'), { lhs: 'up', op: '>= bool', rhs: '1' });
    assert.equal(splitThreshold('rate(x{a!="b>c"}[5m])'), undefined);
    assert.equal(splitThreshold('a > b'), undefined, 'vector comparison: no single threshold');
    assert.equal(splitThreshold('up'), undefined);
  });

  it('builds promql cells with the range and step attributes the runbook notebook reads', () => {
    const [alert] = mergeAlerts([{ source: 'am', alerts: [amAlert({ alertname: 'AgentDown', severity: 'warning', host_id: 'agent-003' }, { annotations: { summary: 'Phoenix agent agent-003 is down' } })] }]);
    assert.ok(alert);
    const cells = alertQueryCells(alert, { name: 'AgentDown', query: 'time() - phoenix_agent_last_seen_seconds > 300', labels: {}, durationSeconds: 5 }, { range: '1h', step: '30s' });
    assert.deepEqual(cells.map((c) => [c.kind, c.language, c.info]), [
      ['markdown', '', ''],
      ['code', 'promql', 'promql {"name":"AgentDown-expression","range":"1h","step":"30s"}'],
      ['markdown', '', ''],
      ['code', 'promql', 'promql {"name":"AgentDown-trend","range":"1h","step":"30s"}'],
    ]);
    assert.deepEqual([cells[1]?.value, cells[3]?.value], ['time() - phoenix_agent_last_seen_seconds > 300', 'time() - phoenix_agent_last_seen_seconds']);
    assert.match(cells[0]?.value ?? '', /^# AgentDown: Phoenix agent agent\\-003 is down\n/);
    assert.match(cells[0]?.value ?? '', /must hold for 5 s/);
    assert.match(cells[2]?.value ?? '', /Without its threshold \(`> 300`\)/);
  });

  it('keeps server text as data: a fenced shell block in a description stays text, a hostile expression stays one promql cell, saved or not', () => {
    const description = 'Disk almost full.\n```sh\ntouch /tmp/pwned\n```\n~~~bash\nrm -rf ~\n~~~\n[click](command:phoenixOps.useAsKubectlContext) ![x](https://evil/x.png) <img src=x onerror=alert(1)>';
    const [alert] = mergeAlerts([{ source: 'am', alerts: [amAlert({ alertname: 'Disk`Full{x}', severity: 'critical' }, { annotations: { description } })] }]);
    assert.ok(alert);
    const query = 'up\n```\n```sh\ntouch /tmp/pwned-too\n```\n> 0';
    const cells = alertQueryCells(alert, { name: 'DiskFull', query, labels: {}, durationSeconds: 0 }, { range: '1h', step: '30s' });
    assert.deepEqual(cells.map((c) => [c.kind, c.language]), [['markdown', ''], ['code', 'promql']], 'no threshold split, no other cell');
    assert.equal(cells[1]?.value, query, 'the expression is the cell, whole');
    assert.equal(cells[1]?.info, 'promql {"name":"Disk_Full_x_-expression","range":"1h","step":"30s"}');
    const md = cells[0]?.value ?? '';
    // Nothing Markdown could read as a fence, link, image or HTML is left unescaped.
    assert.doesNotMatch(md, /(^|[^\\])```|(^|[^\\])~~~|(^|[^\\])\[click\]|(^|[^\\])<img/m);
    assert.match(md, /\\`\\`\\`sh\\\ntouch /);
    // Saved and opened again (as a user might), the file holds the same cells: still no shell step.
    const reopened = parseRunbook(serializeRunbook({ frontMatter: '', eol: '\n', cells }));
    assert.deepEqual(reopened.cells.map((c) => [c.kind, c.language, c.value]), cells.map((c) => [c.kind, c.language, c.value]));
  });
});
