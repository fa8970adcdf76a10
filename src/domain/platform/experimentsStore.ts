// Holds the platform API's experiments, their pipeline deployments and the cost flow, polled while the Experiments view is visible.
import type { ServiceError } from '../../clients/http/serviceError';
import type { PlatformClient } from '../../clients/platform/platformClient';
import type { CostFlow, Experiment, PipelineDeployment } from '../../clients/platform/platformTypes';
import type { Disposable } from '../../core/disposable';
import { Emitter, type Event } from '../../core/event';
import { Poller } from '../../core/poller';

export type PlatformSource = Pick<PlatformClient, 'baseUrl' | 'experiments' | 'pipelineDeployments' | 'costFlow'>;

export interface ExperimentsSnapshot {
  configured: boolean;
  loaded: boolean;
  experiments: Experiment[];
  /** By experiment id; deployments of no experiment are not shown. */
  deployments: ReadonlyMap<string, PipelineDeployment[]>;
  costFlow?: CostFlow;
  error?: ServiceError;
  deploymentsError?: ServiceError;
  costFlowError?: ServiceError;
  fetchedAt?: Date;
  /** Set while the platform API does not answer: the experiments shown are the last known ones, from this time. */
  experimentsAsOf?: Date;
  /** Set while the cost flow cannot be read: `costFlow` is the last known one, from this time. */
  costFlowAsOf?: Date;
}

const EMPTY: ExperimentsSnapshot = { configured: false, loaded: false, experiments: [], deployments: new Map() };

export class ExperimentsStore implements Disposable {
  private current: ExperimentsSnapshot = EMPTY;
  private readonly poller: Poller;
  private visible = false;
  private readonly changed = new Emitter<ExperimentsSnapshot>();
  readonly onDidChange: Event<ExperimentsSnapshot> = this.changed.event;

  constructor(private readonly deps: { platform(): PlatformSource | undefined; intervalMs(): number }) {
    this.poller = new Poller((signal) => this.load(signal));
  }

  get snapshot(): ExperimentsSnapshot {
    return this.current.loaded ? this.current : { ...this.current, configured: this.deps.platform() !== undefined };
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.start();
  }

  /** Polls while visible (nothing while hidden: the platform API has no watch, and nobody looks). */
  start(): void {
    this.poller.setInterval(this.visible && this.deps.platform() ? this.deps.intervalMs() : 0);
  }

  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  reset(): Promise<void> {
    this.publish({ ...EMPTY });
    this.start();
    return this.refresh();
  }

  dispose(): void {
    this.poller.dispose();
    this.changed.dispose();
  }

  private async load(signal: AbortSignal): Promise<void> {
    const api = this.deps.platform();
    if (!api) return this.publish({ ...EMPTY });
    const [experiments, costFlow] = await Promise.all([api.experiments(signal), api.costFlow(signal)]);
    if (signal.aborted) return;
    const now = new Date();
    const before = this.current;
    // The time the last answer was current: kept while the failures go on.
    const lastGood = before.error ? before.experimentsAsOf : before.fetchedAt;
    if (!experiments.ok) {
      // Keep what was shown before under the error, marked with when it was known: a blip should not blank the view,
      // and could-not-ask must not read as "no experiments".
      return this.publish({ ...before, configured: true, loaded: true, error: experiments.error, fetchedAt: now, ...(lastGood && before.loaded ? { experimentsAsOf: lastGood } : {}) });
    }
    // The API lists pipeline deployments by namespace: ask once per namespace the experiments target.
    const namespaces = [...new Set(experiments.value.flatMap((e) => e.targetNamespaces))].sort();
    const lists = await Promise.all(namespaces.map((ns) => api.pipelineDeployments(ns, signal)));
    const deployments = new Map<string, PipelineDeployment[]>();
    let deploymentsError: ServiceError | undefined;
    for (const l of lists) {
      if (!l.ok) {
        deploymentsError ??= l.error;
        continue;
      }
      for (const d of l.value) if (d.experimentId) deployments.set(d.experimentId, [...(deployments.get(d.experimentId) ?? []), d]);
    }
    const costFlowKnownAt = before.costFlowError ? before.costFlowAsOf : before.costFlow ? before.fetchedAt : undefined;
    this.publish({
      configured: true,
      loaded: true,
      experiments: experiments.value,
      deployments,
      ...(costFlow.ok ? { costFlow: costFlow.value } : { costFlowError: costFlow.error, ...(before.costFlow && costFlowKnownAt ? { costFlow: before.costFlow, costFlowAsOf: costFlowKnownAt } : {}) }),
      ...(deploymentsError ? { deploymentsError } : {}),
      fetchedAt: now,
    });
  }

  private publish(s: ExperimentsSnapshot): void {
    this.current = s;
    this.changed.fire(s);
  }
}
