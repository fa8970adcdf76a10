// Live CPU/memory of the pods in the Deployments view's scope: one PodMetrics request per poll for the scope's
// namespace (or one for all namespaces), only while the view is visible. A cluster without the metrics API is a
// state said once ("usage: metrics API not available"), polled again slowly, never an error per row or per poll.
import { Emitter } from '../../core/event';
import { Poller } from '../../core/poller';
import type { Result } from '../../core/result';

export interface UsageScope {
  context: string | undefined;
  /** undefined: all namespaces. */
  namespace: string | undefined;
}

export interface PodMetricsLikeItem {
  metadata?: { name?: string; namespace?: string };
  timestamp?: string;
  containers?: Array<{ name?: string; usage?: Record<string, unknown> }>;
}

export type UsageFetchError = { kind: string; message: string; hint?: string };

export type UsageState =
  | { kind: 'idle' }
  | { kind: 'ok'; at: number }
  | { kind: 'unavailable'; message: string }
  | { kind: 'error'; message: string };

export interface PodUsageModelDeps {
  fetch(context: string, namespace: string | undefined, signal: AbortSignal): Promise<Result<PodMetricsLikeItem[], UsageFetchError>>;
  intervalMs: () => number;
  now?: () => number;
}

/** How much slower a cluster without the API is asked again (it may be installed meanwhile). */
const UNAVAILABLE_BACKOFF = 6;

export class PodUsageModel {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly poller: Poller;
  private scope: UsageScope = { context: undefined, namespace: undefined };
  private active = false;
  private byPod = new Map<string, PodMetricsLikeItem>();
  private stateValue: UsageState = { kind: 'idle' };
  private generation = 0;

  constructor(private readonly deps: PodUsageModelDeps) {
    this.poller = new Poller((signal) => this.poll(signal));
  }

  get state(): UsageState {
    return this.stateValue;
  }

  /** The pod's last PodMetrics, when the metrics API reported it in this scope. */
  metricsOf(namespace: string, pod: string): PodMetricsLikeItem | undefined {
    return this.byPod.get(`${namespace}/${pod}`);
  }

  setScope(scope: UsageScope): void {
    if (scope.context === this.scope.context && scope.namespace === this.scope.namespace) return;
    this.scope = { ...scope };
    this.generation++;
    this.byPod.clear();
    this.stateValue = { kind: 'idle' };
    this.changed.fire();
    this.restart();
  }

  /** Polls only while the view is visible. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.restart();
  }

  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  private restart(): void {
    this.poller.setInterval(0);
    if (this.active && this.scope.context) this.poller.setInterval(this.interval());
  }

  private interval(): number {
    return this.deps.intervalMs() * (this.stateValue.kind === 'unavailable' ? UNAVAILABLE_BACKOFF : 1);
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const { context, namespace } = this.scope;
    if (!context || !this.active) return;
    const gen = this.generation;
    const r = await this.deps.fetch(context, namespace, signal);
    if (gen !== this.generation || signal.aborted) return;
    const before = this.stateValue.kind;
    if (r.ok) {
      this.byPod = new Map(r.value.map((m) => [`${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`, m]));
      this.stateValue = { kind: 'ok', at: (this.deps.now ?? Date.now)() };
    } else {
      this.byPod.clear();
      this.stateValue = r.error.kind === 'unavailable' ? { kind: 'unavailable', message: 'usage: metrics API not available' } : { kind: 'error', message: `usage: ${r.error.message}` };
    }
    // The poll interval follows the state (slow while the API is absent).
    if ((before === 'unavailable') !== (this.stateValue.kind === 'unavailable')) this.poller.setInterval(this.interval());
    this.changed.fire();
  }

  dispose(): void {
    this.poller.dispose();
    this.changed.dispose();
  }
}
