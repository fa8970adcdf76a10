// The Clusters tree as data: kubeconfig contexts (and unreadable files) at the root, each
// context expanding into its live namespaces. Namespaces are list-watched only while the view
// is visible and the context is expanded; the view adapter turns nodes into TreeItems.
import { clockTime } from '../../core/clock';
import { basename } from 'node:path';
import type { V1Namespace } from '@kubernetes/client-node';
import { Emitter, type Event } from '../../core/event';
import type { Disposable } from '../../core/disposable';
import { KubeClient } from '../../clients/kubernetes/kubeClient';
import type { KubeconfigSnapshot, PendingPlugin } from '../../clients/kubernetes/kubeconfigLoader';
import { errorTitle, type KubeError } from '../../clients/kubernetes/kubeErrors';
import { startListWatch } from '../../clients/kubernetes/listWatch';
import { ObjectCache } from '../kube/objectCache';
import type { ClustersNode, ContextNode, ErrorNode } from './clusterNodes';

export interface ClustersModelDeps {
  loadKubeconfig(): KubeconfigSnapshot;
  timeoutMs(): number;
  /** Items per page of the namespace lists (default 500, kubectl's). */
  pageSize?(): number;
  /** Tests shorten the coalescing window; the default keeps bursts to one refresh. */
  coalesceMs?: number;
}

interface ContextWatch {
  client: KubeClient;
  cache: ObjectCache<V1Namespace>;
  stop: Disposable;
}

export class ClustersModel implements Disposable {
  private snapshot: KubeconfigSnapshot;
  private readonly watches = new Map<string, ContextWatch>();
  private active = false;
  /** Stable node instances: VS Code refreshes a subtree only when fired with the very same object. */
  private rootNodes: ClustersNode[];
  private readonly changed = new Emitter<ClustersNode | undefined>();

  /** Fires with the node whose children changed, or undefined for the whole tree. */
  readonly onDidChange: Event<ClustersNode | undefined> = this.changed.event;

  constructor(private readonly deps: ClustersModelDeps) {
    this.snapshot = deps.loadKubeconfig();
    this.rootNodes = this.buildRoots();
  }

  get kubeconfig(): KubeconfigSnapshot {
    return this.snapshot;
  }

  roots(): ClustersNode[] {
    return this.rootNodes;
  }

  private buildRoots(): ClustersNode[] {
    const errors: ClustersNode[] = this.snapshot.errors.map((e) => ({
      kind: 'error',
      id: `file-error:${e.file}`,
      title: `Cannot read ${basename(e.file)}`,
      message: e.message,
      detail: `${e.file}\n\n${e.detail}`,
      hint: 'Fix the file (kubectl config view shows the same problem), then retry.',
      retry: { scope: 'kubeconfig' },
    }));
    const contexts: ClustersNode[] = this.snapshot.contexts.map((entry) => ({
      kind: 'context',
      id: `context:${entry.name}`,
      entry,
      isKubectlCurrent: entry.name === this.snapshot.currentContext,
    }));
    return [...errors, ...contexts];
  }

  /** The namespaces of an expanded context, waiting for the first list (in pages, each wait bounded by the request timeout). */
  async children(node: ContextNode): Promise<ClustersNode[]> {
    const name = node.entry.name;
    if (!this.active) return [];
    const w = this.ensureWatch(name);
    if ('kind' in w) return [w];
    await w.cache.whenLoaded();
    return this.namespaceNodes(name, w.cache);
  }

  /** One-off namespace names for a context (for the Switch Namespace quick pick). */
  async listNamespaceNames(context: string, signal?: AbortSignal): Promise<{ ok: true; names: string[] } | { ok: false; message: string }> {
    const existing = this.watches.get(context);
    if (existing && existing.cache.status.state === 'ready') {
      return { ok: true, names: [...existing.cache.values()].map((n) => n.metadata?.name ?? '').sort() };
    }
    const client = this.clientFor(context);
    if (!(client instanceof KubeClient)) return { ok: false, message: client.message };
    const r = await client.listNamespaces(signal);
    if (!r.ok) return { ok: false, message: `${r.error.message}. ${r.error.hint}` };
    return { ok: true, names: r.value.items.map((n) => n.metadata?.name ?? '').sort() };
  }

  /** Visible views watch; hidden views don't. */
  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    if (!active) this.stopAll();
    this.changed.fire(undefined);
  }

  collapsed(context: string): void {
    this.stopWatch(context);
  }

  /** Re-reads the kubeconfig files and restarts every watch (settings or files changed). */
  reload(): void {
    this.stopAll();
    this.snapshot = this.deps.loadKubeconfig();
    this.rootNodes = this.buildRoots();
    this.changed.fire(undefined);
  }

  retry(context: string | undefined): void {
    if (context === undefined) return this.reload();
    this.stopWatch(context);
    this.changed.fire(this.contextNode(context));
  }

  dispose(): void {
    this.stopAll();
    this.changed.dispose();
  }

  private ensureWatch(context: string): ContextWatch | ClustersNode {
    const existing = this.watches.get(context);
    if (existing) return existing;
    const client = this.clientFor(context);
    if (!(client instanceof KubeClient)) {
      if (client.plugin) {
        return {
          kind: 'error',
          id: `ctx-error:${context}`,
          context,
          title: 'Credential plugin not allowed',
          message: `${client.plugin.description} (from ${basename(client.plugin.file)})`,
          detail: client.message,
          hint: 'Click to review the program and allow it.',
          retry: { scope: 'context', context },
          plugin: client.plugin,
        };
      }
      return { kind: 'error', id: `ctx-error:${context}`, context, title: 'Invalid context', message: client.message, detail: client.message, hint: 'Fix the context in your kubeconfig, then retry.', retry: { scope: 'context', context } };
    }
    const cache = new ObjectCache<V1Namespace>({ coalesceMs: this.deps.coalesceMs });
    const stop = startListWatch<V1Namespace>(
      {
        list: (signal) => client.listNamespaces(signal),
        watch: (rv, handlers, signal) => client.watch('/api/v1/namespaces', { resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: 300 }, handlers, signal),
      },
      (e) => cache.apply(e),
    );
    const w: ContextWatch = { client, cache, stop };
    cache.onDidChange(() => {
      const node = this.contextNode(context);
      if (node) this.changed.fire(node);
    });
    this.watches.set(context, w);
    return w;
  }

  private namespaceNodes(context: string, cache: ObjectCache<V1Namespace>): ClustersNode[] {
    const status = cache.status;
    if (status.state === 'error') return [this.errorNode(context, status.error)];
    const nodes: ClustersNode[] = [...cache.values()]
      .map((ns) => ({ kind: 'namespace' as const, id: `ns:${context}/${ns.metadata?.name ?? ''}`, context, name: ns.metadata?.name ?? '', phase: ns.status?.phase }))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (status.state === 'ready' && status.reconnecting) {
      const at = clockTime(status.reconnecting.since);
      nodes.unshift({ ...this.errorNode(context, status.reconnecting.error), title: `Reconnecting since ${at}`, hint: `Showing the namespaces as of ${at} until the watch is back.`, id: `ctx-reconnecting:${context}` });
    }
    return nodes;
  }

  private errorNode(context: string, error: KubeError): ErrorNode {
    return { kind: 'error', id: `ctx-error:${context}`, context, title: errorTitle(error), message: error.message, detail: error.message, hint: error.hint, retry: { scope: 'context', context } };
  }

  contextNode(context: string): ContextNode | undefined {
    return this.rootNodes.find((n): n is ContextNode => n.kind === 'context' && n.entry.name === context);
  }

  private clientFor(context: string): KubeClient | { message: string; plugin?: PendingPlugin } {
    const cfg = this.snapshot.configFor(context);
    if (!cfg.ok) return cfg;
    return new KubeClient(context, cfg.config, this.deps.timeoutMs(), this.deps.pageSize?.());
  }

  private stopWatch(context: string): void {
    const w = this.watches.get(context);
    if (!w) return;
    w.stop.dispose();
    w.cache.dispose();
    this.watches.delete(context);
  }

  private stopAll(): void {
    for (const c of [...this.watches.keys()]) this.stopWatch(c);
  }
}
