// The platform's metrics of guide 003 (agents' last seen, queue depth, experiment phase, reduction, savings) plus pg_up, read from PostgreSQL at every scrape.
import type { MetricFamily, MetricsCollector, Sample } from '../metrics/metricsRegistry';
import { PHASE_NUMBER } from './experimentMath';
import { type ExperimentRow, figuresOf } from './experimentStore';
import type { PlatformDb } from './platformDb';
import { TASK_STATUSES } from './platformSchema';

export class PlatformMetricsCollector implements MetricsCollector {
  readonly id = 'phoenix-platform';

  constructor(private readonly db: PlatformDb) {}

  async collect(): Promise<MetricFamily[]> {
    const up: MetricFamily = { name: 'pg_up', help: 'Whether the platform API can reach its PostgreSQL database (1) or not (0), as postgres_exporter names it.', type: 'gauge', samples: [] };
    let agents: { host_id: string; ts: number }[];
    let depth: { status: string; n: string }[];
    let experiments: ExperimentRow[];
    try {
      [agents, depth, experiments] = await Promise.all([
        this.db.query<{ host_id: string; ts: number }>('SELECT host_id, extract(epoch FROM last_seen_at)::float8 AS ts FROM agents').then((r) => r.rows),
        this.db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM tasks GROUP BY status').then((r) => r.rows),
        this.db.query<ExperimentRow>('SELECT * FROM experiments').then((r) => r.rows),
      ]);
    } catch {
      // No database, no platform numbers: only the signal DatabaseConnectionFailed alerts on.
      up.samples.push({ labels: {}, value: 0 });
      return [up];
    }
    up.samples.push({ labels: {}, value: 1 });
    const counts = new Map(depth.map((d) => [d.status, Number(d.n)]));
    return [
      up,
      { name: 'phoenix_agent_last_seen_seconds', help: 'Unix time of the agent\'s last poll of /api/v1/agent/tasks.', type: 'gauge', samples: agents.map((a) => ({ labels: { host_id: a.host_id }, value: Math.round(a.ts * 1000) / 1000 })) },
      { name: 'phoenix_task_queue_depth', help: 'Tasks in the queue by status.', type: 'gauge', samples: TASK_STATUSES.map((s) => ({ labels: { status: s }, value: counts.get(s) ?? 0 })) },
      ...experimentFamilies(experiments, Date.now()),
    ];
  }
}

/** The experiments' gauges at `nowMs` (scrapes, and the sandbox's metric history). */
export function experimentFamilies(experiments: readonly ExperimentRow[], nowMs: number): MetricFamily[] {
  const phase: Sample[] = [];
  const reduction: Sample[] = [];
  const savings: Sample[] = [];
  const cardinality: Sample[] = [];
  for (const e of experiments) {
    const labels = { experiment_id: e.id, name: e.name };
    const f = figuresOf(e, nowMs);
    phase.push({ labels, value: PHASE_NUMBER[e.phase] });
    reduction.push({ labels, value: f.reductionPercent });
    savings.push({ labels, value: f.savingsMonthly });
    cardinality.push({ labels: { ...labels, variant: 'baseline' }, value: f.baselineCardinality }, { labels: { ...labels, variant: 'candidate' }, value: f.candidateCardinality });
  }
  return [
    {
      name: 'phoenix_experiment_phase',
      help: 'Experiment phase: 0 pending, 1 deploying, 2 running, 3 analyzing, 4 completed, 5 stopped, 6 failed.',
      type: 'gauge',
      samples: phase,
    },
    { name: 'phoenix_cardinality_reduction_percent', help: 'Cardinality reduction of the candidate pipeline against the baseline, in percent.', type: 'gauge', samples: reduction },
    { name: 'phoenix_cost_savings_dollars', help: 'Monthly observability cost saved by the candidate pipeline, in dollars.', type: 'gauge', samples: savings },
    { name: 'phoenix_experiment_cardinality', help: "Active metric series of the experiment's target namespaces as each pipeline keeps them (variant baseline or candidate).", type: 'gauge', samples: cardinality },
  ];
}
