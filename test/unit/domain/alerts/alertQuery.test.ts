import assert from 'node:assert/strict';
import { mergeAlerts } from '../../../../src/domain/alerts/alertMerge';
import { alertQueryRunbook, splitThreshold } from '../../../../src/domain/alerts/alertQuery';
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

  it('writes promql cells with the range and step attributes the runbook notebook reads', () => {
    const [alert] = mergeAlerts([{ source: 'am', alerts: [amAlert({ alertname: 'AgentDown', severity: 'warning', host_id: 'agent-003' }, { annotations: { summary: 'Phoenix agent agent-003 is down' } })] }]);
    assert.ok(alert);
    const md = alertQueryRunbook(alert, { name: 'AgentDown', query: 'time() - phoenix_agent_last_seen_seconds > 300', labels: {}, durationSeconds: 5 }, { range: '1h', step: '30s' });
    assert.match(md, /^# AgentDown: Phoenix agent agent-003 is down\n/);
    assert.match(md, /```promql \{"name":"AgentDown-expression","range":"1h","step":"30s"\}\ntime\(\) - phoenix_agent_last_seen_seconds > 300\n```/);
    assert.match(md, /Without its threshold \(`> 300`\)[^\n]*\n\n```promql \{"name":"AgentDown-trend","range":"1h","step":"30s"\}\ntime\(\) - phoenix_agent_last_seen_seconds\n```/);
    assert.match(md, /must hold for 5 s/);
  });
});
