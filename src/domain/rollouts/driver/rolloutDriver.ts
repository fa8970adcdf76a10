// All the rollouts this cockpit can see: per context, the canary Deployments (marked with the
// canary-of label) listed and watched across namespaces; one runner each, driving the active ones
// whose lease it holds or can take. Views read snapshots and subscribe to changes; commands and
// starts go through here.
import type { V1Deployment } from '@kubernetes/client-node';
import type { RolloutsClient } from '../../../clients/kubernetes/rolloutsClient';
import { startListWatch } from '../../../clients/kubernetes/listWatch';
import type { Disposable } from '../../../core/disposable';
import { Emitter, type Event } from '../../../core/event';
import { CANARY_OF_LABEL } from '../rolloutState';
import type { DriverEnv, MetricsPort } from './ports';
import { recordOf } from './rolloutRecord';
import { type Command, type CommandResult, RolloutRunner, type RolloutSnapshot } from './rolloutRunner';
import { executeStart, type PreparedStart, prepareStart, type StartRequest, type Prepared } from './startCanary';

export type DriverClient = Pick<RolloutsClient, 'context' | 'get' | 'list' | 'create' | 'patch' | 'delete' | 'listPods' | 'deploymentsSource' | 'listCustom' | 'getCustom' | 'patchCustom' | 'serviceProxyGet'>;

interface ContextWatch {
  client: DriverClient;
  watch: Disposable;
  refs: number;
  /** Last list/watch failure for this context (shown in the views). */
  error?: string;
}

const key = (context: string, namespace: string, canary: string) => `${context}\u0000${namespace}\u0000${canary}`;

export class RolloutDriver implements Disposable {
  private readonly runners = new Map<string, RolloutRunner>();
  private readonly contexts = new Map<string, ContextWatch>();
  private readonly changed = new Emitter<RolloutSnapshot>();
  /** After shutdown nothing new starts: a list or watch event still in flight must not spawn a runner. */
  private closed = false;
  readonly onDidChange: Event<RolloutSnapshot> = this.changed.event;

  constructor(
    private readonly env: DriverEnv,
    private readonly clientFor: (context: string) => DriverClient | { message: string },
  ) {}

  /** The Prometheus the gates are read from (a blue-green switch checks its target colour there too). */
  get metrics(): MetricsPort {
    return this.env.metrics;
  }

  /** Follows a context's rollouts while the returned disposable lives (ref-counted). */
  watchContext(context: string): Disposable | { message: string } {
    if (this.closed) return { message: 'the rollout driver has stopped' };
    const existing = this.contexts.get(context);
    if (existing) {
      existing.refs++;
      return { dispose: () => this.release(context) };
    }
    const client = this.clientFor(context);
    if ('message' in client) return client;
    const cw: ContextWatch = { client, refs: 1, watch: { dispose: () => undefined } };
    this.contexts.set(context, cw);
    cw.watch = startListWatch<V1Deployment>(client.deploymentsSource(CANARY_OF_LABEL), (e) => {
      if (this.closed || this.contexts.get(context) !== cw) return;
      if (e.type === 'synced') {
        cw.error = undefined;
        const seen = new Set<string>();
        for (const d of e.items) seen.add(this.observe(context, client, d));
        for (const [k, r] of this.runners) if (k.startsWith(`${context}\u0000`) && !seen.has(k)) this.drop(k, r);
      } else if (e.type === 'changed') {
        const k = key(context, e.object.metadata?.namespace ?? '', e.object.metadata?.name ?? '');
        if (e.kind === 'DELETED') {
          const r = this.runners.get(k);
          if (r) this.drop(k, r);
        } else this.observe(context, client, e.object);
      } else if (e.type === 'error') {
        cw.error = `${e.error.message}. ${e.error.hint}`;
      }
    });
    return { dispose: () => this.release(context) };
  }

  get watchedContexts(): string[] {
    return [...this.contexts.keys()];
  }

  snapshots(): RolloutSnapshot[] {
    return [...this.runners.values()].map((r) => r.snapshot);
  }

  /** The rollout of a primary deployment (its canary `<name>-canary`), if one is known. */
  find(context: string, namespace: string, primary: string): RolloutSnapshot | undefined {
    return this.snapshots().find((s) => s.context === context && s.namespace === namespace && s.state?.target.deployment === primary);
  }

  prepare(context: string, req: StartRequest, signal?: AbortSignal): Promise<Prepared> {
    const client = this.clientFor(context);
    if ('message' in client) return Promise.resolve({ ok: false, message: client.message });
    return prepareStart(client, this.env.metrics, req, this.env.now(), signal);
  }

  /** Writes the prepared canary and starts driving it at once. */
  async start(context: string, prepared: PreparedStart, signal?: AbortSignal): Promise<{ ok: true } | { ok: false; message: string }> {
    if (this.closed) return { ok: false, message: 'the rollout driver has stopped' };
    const client = this.clientFor(context);
    if ('message' in client) return { ok: false, message: client.message };
    const r = await executeStart(client, prepared, this.env.identity, this.env.now(), signal);
    if (!r.ok) return r;
    // Watch the context (the runner is found by the watch too; starting it here saves the round trip).
    if (!this.contexts.has(context)) this.watchContext(context);
    const k = key(context, prepared.request.namespace, prepared.state.canary.deployment);
    if (!this.runners.has(k)) this.spawn(k, client, prepared.request.namespace, prepared.state.canary.deployment);
    return { ok: true };
  }

  async command(context: string, namespace: string, canary: string, cmd: Command, by: string): Promise<CommandResult> {
    if (this.closed) return { ok: false, message: 'the rollout driver has stopped' };
    let runner = this.runners.get(key(context, namespace, canary));
    if (!runner) {
      const client = this.clientFor(context);
      if ('message' in client) return { ok: false, message: client.message };
      runner = this.spawn(key(context, namespace, canary), client, namespace, canary);
    }
    return runner.command(cmd, by);
  }

  /** A client for a context (for the views and commands that read or act beside the driver). */
  client(context: string): DriverClient | { message: string } {
    return this.clientFor(context);
  }

  contextError(context: string): string | undefined {
    return this.contexts.get(context)?.error;
  }

  /** Stops every runner, handing leases back so another cockpit continues without waiting. */
  async shutdown(): Promise<void> {
    this.closed = true;
    for (const c of this.contexts.values()) c.watch.dispose();
    this.contexts.clear();
    const all = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(all.map((r) => r.stop(true)));
  }

  dispose(): void {
    void this.shutdown();
    this.changed.dispose();
  }

  private observe(context: string, client: DriverClient, d: V1Deployment): string {
    const ns = d.metadata?.namespace ?? '';
    const name = d.metadata?.name ?? '';
    const k = key(context, ns, name);
    const runner = this.runners.get(k) ?? this.spawn(k, client, ns, name);
    const rec = recordOf(d);
    if (!('unreadable' in rec)) runner.observed(rec);
    return k;
  }

  private spawn(k: string, client: DriverClient, namespace: string, canary: string): RolloutRunner {
    const r = new RolloutRunner(client, this.env, namespace, canary, (s) => this.changed.fire(s));
    this.runners.set(k, r);
    r.start();
    return r;
  }

  private drop(k: string, r: RolloutRunner): void {
    this.runners.delete(k);
    void r.stop(false);
    this.changed.fire({ ...r.snapshot, gone: true });
  }

  private release(context: string): void {
    const c = this.contexts.get(context);
    if (!c || --c.refs > 0) return;
    c.watch.dispose();
    this.contexts.delete(context);
    for (const [k, r] of this.runners) {
      if (!k.startsWith(`${context}\u0000`)) continue;
      this.runners.delete(k);
      void r.stop(true);
    }
  }
}
