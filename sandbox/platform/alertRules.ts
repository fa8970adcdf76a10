// The alert rules of the operations guides, loaded into the sandbox's real Prometheus. Expressions and thresholds
// follow the guides; windows and `for` are seconds instead of minutes so each alert can be triggered while you watch.
import { stringify } from 'yaml';

const RUNBOOKS = 'https://docs.phoenix.io/runbooks';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'critical' | 'warning' | 'info'; priority: 'P1' | 'P2' | 'P3' | 'P4' };
  annotations: { summary: string; description: string; runbook: string };
}

/**
 * Deviations from the guides, all of time only: rate windows 20 s instead of 5 m, `for` 0–5 s instead of
 * 5–10 m, PodCrashLooping counts more than 1 restart in 1 m instead of more than 5 in 10 m (the simulated
 * kubelet backs off 10 s, 20 s … like the real one). Thresholds are the guides' own.
 */
export const PHOENIX_ALERT_RULES: { name: string; interval: string; rules: Rule[] }[] = [
  {
    name: 'phoenix-critical',
    interval: '1s',
    rules: [
      {
        // guide 000 alerts/critical.yaml; guide 004 HighErrorRate (P1)
        alert: 'HighErrorRate',
        expr: 'sum by (cluster, namespace, service) (rate(http_requests_total{status=~"5.."}[20s]))\n  / sum by (cluster, namespace, service) (rate(http_requests_total[20s])) > 0.05',
        for: '5s',
        labels: { severity: 'critical', priority: 'P1' },
        annotations: {
          summary: 'High error rate on {{ $labels.service }}',
          description: '{{ $value | humanizePercentage }} of requests to {{ $labels.service }} in {{ $labels.namespace }} ({{ $labels.cluster }}) fail with 5xx; the threshold is 5 %.',
          runbook: `${RUNBOOKS}/high-error-rate`,
        },
      },
      {
        // guide 002 HighResponseTime (p95 > 0.5 s, warning); guide 004 calls it HighLatency (P2)
        alert: 'HighLatency',
        expr: 'histogram_quantile(0.95, sum by (cluster, namespace, service, le) (rate(http_request_duration_seconds_bucket[20s]))) > 0.5',
        for: '5s',
        labels: { severity: 'warning', priority: 'P2' },
        annotations: {
          summary: 'High latency on {{ $labels.service }}',
          description: '95th percentile response time of {{ $labels.service }} in {{ $labels.namespace }} ({{ $labels.cluster }}) is {{ $value | humanizeDuration }}; the threshold is 500 ms.',
          runbook: `${RUNBOOKS}/high-latency`,
        },
      },
      {
        // guide 001 CriticalLatency (p95 > 2 s, critical)
        alert: 'CriticalLatency',
        expr: 'histogram_quantile(0.95, sum by (cluster, namespace, service, le) (rate(request_duration_seconds_bucket[20s]))) > 2',
        for: '5s',
        labels: { severity: 'critical', priority: 'P1' },
        annotations: {
          summary: 'Critical latency on {{ $labels.service }}',
          description: '95th percentile latency of {{ $labels.service }} in {{ $labels.namespace }} ({{ $labels.cluster }}) is {{ $value | humanizeDuration }}; the threshold is 2 s.',
          runbook: `${RUNBOOKS}/high-latency`,
        },
      },
      {
        // guide 004 PodCrashLooping (restarts > 5 in 10 minutes, P1)
        alert: 'PodCrashLooping',
        expr: 'increase(kube_pod_container_status_restarts_total[1m]) > 1',
        for: '0s',
        labels: { severity: 'critical', priority: 'P1' },
        annotations: {
          summary: 'Pod {{ $labels.pod }} is crash-looping',
          description: 'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.cluster }}) restarted {{ $value | humanize }} times in the last minute.',
          runbook: `${RUNBOOKS}/pod-crash-looping`,
        },
      },
      {
        // guide 004 DatabaseConnectionFailed (P1): pg_up as postgres_exporter exports it
        alert: 'DatabaseConnectionFailed',
        expr: 'pg_up == 0',
        for: '2s',
        labels: { severity: 'critical', priority: 'P1' },
        annotations: {
          summary: 'The platform cannot connect to its database',
          description: 'pg_up is 0: the platform API cannot open connections to PostgreSQL.',
          runbook: `${RUNBOOKS}/database-connection-failures`,
        },
      },
    ],
  },
  {
    // guide 003 "phoenix.rules"
    name: 'phoenix.rules',
    interval: '1s',
    rules: [
      {
        alert: 'AgentDown',
        expr: 'time() - phoenix_agent_last_seen_seconds > 300',
        for: '5s',
        labels: { severity: 'warning', priority: 'P3' },
        annotations: {
          summary: 'Phoenix agent {{ $labels.host_id }} is down',
          description: 'Agent {{ $labels.host_id }} last polled for tasks {{ $value | humanizeDuration }} ago (threshold 300 s).',
          runbook: `${RUNBOOKS}/agent-down`,
        },
      },
      {
        alert: 'TaskQueueBackup',
        expr: 'phoenix_task_queue_depth{status="pending"} > 100',
        for: '5s',
        labels: { severity: 'critical', priority: 'P2' },
        annotations: {
          summary: 'Phoenix task queue backing up: {{ $value }} pending tasks',
          description: '{{ $value }} tasks are pending (threshold 100): agents are not taking them.',
          runbook: `${RUNBOOKS}/task-queue-backup`,
        },
      },
    ],
  },
];

export const ALERT_RULES_FILE = 'phoenix-alerts.yml';

/** A rule's window (`[20s]`, `[1m]`) widened to hold at least four scrapes, so a rate still has samples to work on. */
function widenWindows(expr: string, intervalSeconds: number): string {
  const least = 4 * intervalSeconds;
  return expr.replace(/\[(\d+)([sm])\]/g, (whole, n: string, unit: string) => {
    const seconds = Number(n) * (unit === 'm' ? 60 : 1);
    return seconds >= least ? whole : `[${least}s]`;
  });
}

/**
 * The rules for a Prometheus that scrapes and evaluates every `intervalSeconds` (1 s by default; 15 s in load runs).
 * Each group evaluates at that interval, not at its own 1 s: at `--load 200x50`, PodCrashLooping's `increase` over
 * 20,000 pods every second kept Prometheus at 28 % of a core while nothing happened.
 */
export function alertRulesYaml(intervalSeconds = 1): string {
  const groups =
    intervalSeconds <= 1
      ? PHOENIX_ALERT_RULES
      : PHOENIX_ALERT_RULES.map((g) => ({ ...g, interval: `${intervalSeconds}s`, rules: g.rules.map((r) => ({ ...r, expr: widenWindows(r.expr, intervalSeconds) })) }));
  return `# Alert rules of the Phoenix operations guides (sandbox timing: see sandbox/platform/README.md)\n${stringify({ groups }, { lineWidth: 0 })}`;
}
