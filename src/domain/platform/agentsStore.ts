// Holds the agent fleet (ages from Prometheus, as the AgentDown rule sees them) and the task queue depth (from PostgreSQL), polled while the Agents view is visible.
import { type AgentLastSeen, fetchAgentAges } from '../../clients/platform/agentMetrics';
import type { QueueDepth, QueueTask, TaskFilter } from '../../clients/platform/taskQueueClient';
import type { PgError } from '../../clients/postgres/postgresClient';
import type { ServiceError } from '../../clients/http/serviceError';
import type { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import type { Disposable } from '../../core/disposable';
import { Emitter, type Event } from '../../core/event';
import { Poller } from '../../core/poller';
import type { Result } from '../../core/result';

export interface TaskSource {
  depth(signal?: AbortSignal): Promise<Result<QueueDepth, PgError>>;
  tasks(f: TaskFilter, signal?: AbortSignal): Promise<Result<QueueTask[], PgError>>;
}

export interface AgentView {
  hostId: string;
  ageSeconds: number;
  down: boolean;
}

export type FleetProblem = ServiceError | { kind: 'notConfigured'; service: string; message: string; hint: string };

export interface AgentsSnapshot {
  loaded: boolean;
  agents: AgentView[];
  agentsError?: FleetProblem;
  /** Set while Prometheus does not answer: `agents` is the fleet as it was then (could not ask ≠ no agents). */
  agentsAsOf?: Date;
  depth?: QueueDepth;
  depthError?: PgError;
  /** Set while PostgreSQL does not answer: `depth` is the queue as it was then. */
  depthAsOf?: Date;
  downAfterSeconds: number;
  fetchedAt?: Date;
}

export interface AgentsStoreDeps {
  prometheus(): Pick<PrometheusClient, 'query'> | undefined;
  tasks(): TaskSource | undefined;
  intervalMs(): number;
  downAfterSeconds(): number;
}

export class AgentsStore implements Disposable {
  private current: AgentsSnapshot;
  private readonly poller: Poller;
  private visible = false;
  private lastFleet: { at: Date; agents: AgentLastSeen[] } | undefined;
  private lastDepth: { at: Date; depth: QueueDepth } | undefined;
  private readonly changed = new Emitter<AgentsSnapshot>();
  readonly onDidChange: Event<AgentsSnapshot> = this.changed.event;

  constructor(private readonly deps: AgentsStoreDeps) {
    this.current = { loaded: false, agents: [], downAfterSeconds: deps.downAfterSeconds() };
    this.poller = new Poller((signal) => this.load(signal));
  }

  get snapshot(): AgentsSnapshot {
    return this.current;
  }

  /** Both sources unset: the view shows its welcome content. */
  get configured(): boolean {
    return this.deps.prometheus() !== undefined || this.deps.tasks() !== undefined;
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.start();
  }

  start(): void {
    this.poller.setInterval(this.visible && this.configured ? this.deps.intervalMs() : 0);
  }

  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  reset(): Promise<void> {
    this.lastFleet = undefined;
    this.lastDepth = undefined;
    this.publish({ loaded: false, agents: [], downAfterSeconds: this.deps.downAfterSeconds() });
    this.start();
    return this.refresh();
  }

  /** Tasks of an agent, an experiment or a status (on expanding a node; not polled). */
  async tasks(f: TaskFilter, signal?: AbortSignal): Promise<Result<QueueTask[], PgError>> {
    const source = this.deps.tasks();
    if (!source) return { ok: false, error: notConfiguredDb() };
    return source.tasks(f, signal);
  }

  dispose(): void {
    this.poller.dispose();
    this.changed.dispose();
  }

  private async load(signal: AbortSignal): Promise<void> {
    const prom = this.deps.prometheus();
    const tasks = this.deps.tasks();
    const downAfter = this.deps.downAfterSeconds();
    const [ages, depth] = await Promise.all([prom ? fetchAgentAges(prom, signal) : Promise.resolve(undefined), tasks ? tasks.depth(signal) : Promise.resolve(undefined)]);
    if (signal.aborted) return;
    const now = new Date();
    const next: AgentsSnapshot = { loaded: true, agents: [], downAfterSeconds: downAfter, fetchedAt: now };
    const view = (list: readonly AgentLastSeen[]) => list.map((a) => ({ hostId: a.hostId, ageSeconds: a.ageSeconds, down: a.ageSeconds > downAfter }));
    if (!ages) next.agentsError = { kind: 'notConfigured', service: 'Prometheus', message: 'Prometheus is not configured: agent health comes from phoenix_agent_last_seen_seconds', hint: 'Set phoenixOps.prometheus.url.' };
    else if (!ages.ok) {
      next.agentsError = ages.error;
      // Keep the last known fleet, marked with when: an agent last seen then has been silent at least that long since.
      if (this.lastFleet) {
        next.agents = view(this.lastFleet.agents);
        next.agentsAsOf = this.lastFleet.at;
      }
    } else {
      next.agents = view(ages.value);
      this.lastFleet = { at: now, agents: ages.value };
    }
    if (!depth) next.depthError = notConfiguredDb();
    else if (!depth.ok) {
      next.depthError = depth.error;
      if (this.lastDepth) {
        next.depth = this.lastDepth.depth;
        next.depthAsOf = this.lastDepth.at;
      }
    } else {
      next.depth = depth.value;
      this.lastDepth = { at: now, depth: depth.value };
    }
    this.publish(next);
  }

  private publish(s: AgentsSnapshot): void {
    this.current = s;
    this.changed.fire(s);
  }
}

function notConfiguredDb(): PgError {
  return { kind: 'notConfigured', message: 'No database is configured: the task queue lives in PostgreSQL', hint: 'Set phoenixOps.database.host (and run "Phoenix Ops: Set Database Password").' };
}
