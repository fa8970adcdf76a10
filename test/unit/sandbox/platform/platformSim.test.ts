import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { alertRulesYaml, PHOENIX_ALERT_RULES } from '../../../../sandbox/platform/alertRules';
import { baselineFor, costFigures, reductionPercent, targetReductionPercent } from '../../../../sandbox/platform/experimentMath';

const SHIPPED_RUNBOOKS = ['high-error-rate', 'high-latency', 'pod-crash-looping', 'database-connection-failures', 'task-queue-backup', 'agent-down'];

describe('sandbox platform: experiment numbers', () => {
  it('reaches the candidate strategy\'s reduction over the run and freezes it when the experiment ends', () => {
    assert.equal(targetReductionPercent('process-intelligent-v1', 'process-baseline-v1'), 70);
    assert.equal(targetReductionPercent('process-baseline-v1', 'process-baseline-v1'), 0);
    const e = { targetReductionPercent: 70, durationSeconds: 100, startedAtMs: 0 };
    assert.equal(reductionPercent({ ...e, phase: 'deploying' }, 50_000), 0);
    const early = reductionPercent({ ...e, phase: 'running' }, 10_000);
    const late = reductionPercent({ ...e, phase: 'running' }, 90_000);
    assert.ok(early > 0 && early < late && late <= 70, `${early} < ${late} ≤ 70`);
    assert.equal(reductionPercent({ ...e, phase: 'stopped', endedAtMs: 10_000 }, 1e9), early);
  });

  it('prices cardinality so the before/after/savings add up', () => {
    const b = baselineFor(['phoenix-system', 'phase-5']);
    const f = costFigures(b, 70);
    assert.equal(Math.round((f.costBeforeMonthly - f.costAfterMonthly) * 100) / 100, f.savingsMonthly);
    assert.equal(f.candidateCardinality, Math.round(b.cardinality * 0.3));
  });
});

describe('sandbox platform: alert rules', () => {
  it("loads the guides' alerts with severity, priority and a runbook of the shipped set", () => {
    const doc = parse(alertRulesYaml()) as { groups: { rules: { alert: string; labels: Record<string, string>; annotations: Record<string, string> }[] }[] };
    const rules = doc.groups.flatMap((g) => g.rules);
    assert.deepEqual(rules.map((r) => r.alert).sort(), ['AgentDown', 'CriticalLatency', 'DatabaseConnectionFailed', 'HighErrorRate', 'HighLatency', 'PodCrashLooping', 'TaskQueueBackup']);
    for (const r of rules) {
      assert.match(r.labels.severity ?? '', /^(critical|warning|info)$/, r.alert);
      assert.match(r.labels.priority ?? '', /^P[1-4]$/, r.alert);
      const slug = (r.annotations.runbook ?? '').split('/').pop() ?? '';
      assert.ok(SHIPPED_RUNBOOKS.includes(slug), `${r.alert} → ${slug}`);
    }
  });

  it("keeps the guides' thresholds (only the time windows are shortened)", () => {
    const expr = (name: string) => PHOENIX_ALERT_RULES.flatMap((g) => g.rules).find((r) => r.alert === name)?.expr ?? '';
    assert.match(expr('HighErrorRate'), /> 0\.05$/);
    assert.match(expr('AgentDown'), /^time\(\) - phoenix_agent_last_seen_seconds > 300$/);
    assert.match(expr('TaskQueueBackup'), /^phoenix_task_queue_depth\{status="pending"\} > 100$/);
    assert.match(expr('HighLatency'), /> 0\.5$/);
    assert.match(expr('CriticalLatency'), /> 2$/);
  });

  it('evaluates at the scrape interval of a load run, with windows that still hold four scrapes', () => {
    type Doc = { groups: { interval: string; rules: { alert: string; expr: string }[] }[] };
    const quick = parse(alertRulesYaml()) as Doc;
    const slow = parse(alertRulesYaml(15)) as Doc;
    assert.deepEqual(quick.groups.map((g) => g.interval), ['1s', '1s']);
    assert.deepEqual(slow.groups.map((g) => g.interval), ['15s', '15s']);
    const exprOf = (d: Doc, name: string) => d.groups.flatMap((g) => g.rules).find((r) => r.alert === name)?.expr ?? '';
    assert.match(exprOf(quick, 'HighErrorRate'), /\[20s\].*\[20s\]/s);
    assert.match(exprOf(slow, 'HighErrorRate'), /rate\(http_requests_total\{status=~"5\.\."\}\[60s\]\)\)\n.*rate\(http_requests_total\[60s\]\)\) > 0\.05$/s);
    // A minute already holds four 15 s scrapes: left as the guide's.
    assert.equal(exprOf(slow, 'PodCrashLooping'), 'increase(kube_pod_container_status_restarts_total[1m]) > 1');
    assert.equal(exprOf(slow, 'AgentDown'), exprOf(quick, 'AgentDown'));
  });
});
