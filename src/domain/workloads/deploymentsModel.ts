// The Deployments tree as data: namespaces → deployments → pods and revisions, for the cockpit's
// selected context and namespace (or all namespaces). Live from a WorkloadStore that runs only while
// the view is visible; each burst of watch events updates only the nodes it touches, in place.
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Disposable } from '../../core/disposable';
import { Emitter, type Event } from '../../core/event';
import { errorTitle, type KubeError } from '../../clients/kubernetes/kubeErrors';
import type { CacheBatch } from '../kube/objectCache';
import { objectKey } from '../kube/objectCache';
import { type DeploymentState, type DeploymentSummary, summarizeDeployment } from './deploymentSummary';
import { NamespaceCounts } from './namespaceCounts';
import { orderNamespaces } from './namespaceOrder';
import { collapseToAncestors, loadingNode, reconnectingNode } from './deploymentMessageRows';
import { controllerOf, revisionOf } from './objectMeta';
import { type PodSeverity, type PodSummary, summarizePod } from './podSummary';
import { revisionHistory } from './revisionHistory';
import type { DeploymentNode, MessageNode, NamespaceNode, PodNode, ReplicaSetNode, RevisionsNode, WorkloadNode } from './workloadNodes';
import { type DetailsChange, INDEX, WorkloadStore, type WorkloadSources, type WorkloadStoreOptions } from './workloadStore';

export interface DeploymentsScope {
  context?: string;
  namespace: string;
  allNamespaces: boolean;
}

export interface DeploymentsModelDeps extends WorkloadStoreOptions {
  /** The cluster behind a context, or why there is none (context missing from the kubeconfig). */
  sources(context: string): WorkloadSources | { message: string };
}

const SEVERITY_ORDER: Record<PodSeverity, number> = { error: 0, pending: 1, ok: 2, terminating: 3, done: 4 };

export class DeploymentsModel implements Disposable {
  private currentScope: DeploymentsScope = { namespace: 'default', allNamespaces: false };
  private active = false;
  /** The tree holds the Loading row roots() gave while the view was hidden (it asks as it becomes visible). */
  private loadingRowShown = false;
  private store: WorkloadStore | undefined;
  private storeSubscriptions: Disposable[] = [];
  private readonly changed = new Emitter<WorkloadNode[] | undefined>();
  private readonly namespaceNodes = new Map<string, NamespaceNode>();
  private readonly deploymentNodes = new Map<string, DeploymentNode>();
  private readonly podNodes = new Map<string, PodNode>();
  private readonly revisionsNodes = new Map<string, RevisionsNode>();
  private readonly replicaSetNodes = new Map<string, ReplicaSetNode>();
  private readonly counts = new NamespaceCounts();
  /** Namespaces ranked as degraded when the roots were last built: one crossing over re-sorts them. */
  private shownDegraded = new Set<string>();

  /** Nodes to re-render (with their subtrees), or undefined for the whole tree. */
  readonly onDidChange: Event<WorkloadNode[] | undefined> = this.changed.event;

  constructor(private readonly deps: DeploymentsModelDeps) {}

  get scope(): DeploymentsScope {
    return this.currentScope;
  }

  /** The live store while the view is visible (commands read current objects from it). */
  get liveStore(): WorkloadStore | undefined {
    return this.store;
  }

  /** Points the tree at another context/namespace; false when that is what it already shows. */
  setScope(scope: DeploymentsScope): boolean {
    const s = this.currentScope;
    const effectiveNs = (x: DeploymentsScope) => (x.allNamespaces ? '*' : x.namespace);
    this.currentScope = scope;
    if (s.context === scope.context && effectiveNs(s) === effectiveNs(scope)) return false;
    this.stopStore(); // old watches closed before new ones open
    this.changed.fire(undefined);
    return true;
  }

  /** Visible views watch; hidden views don't. */
  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    if (!active) {
      this.stopStore();
      this.loadingRowShown = false; // until the hidden tree asks (and so holds the Loading row, not the old rows)
    }
    const { context } = this.currentScope;
    if (active && context && this.loadingRowShown) {
      this.loadingRowShown = false;
      // List now rather than when the tree asks again: it already shows the Loading row, and a refresh now would
      // hold back the first page's (VS Code's trees run refreshes less than 200 ms apart as one, after the last).
      if (this.ensureStore(context) instanceof WorkloadStore) return;
    }
    this.changed.fire(undefined);
  }

  /** Drops the store (and its watches) and lists again. */
  retry(): void {
    this.stopStore();
    this.changed.fire(undefined);
  }

  /**
   * The top rows, at once: while the list is in flight they are a Loading row (with how far it got)
   * above the namespaces of the pages received so far — never empty, which VS Code would show as
   * "no context selected". More pages, the end of the list or an error fire a refresh.
   */
  roots(): WorkloadNode[] {
    const { context } = this.currentScope;
    if (!context) return [];
    // Asked while not yet marked visible (the visibility event is on its way): it is about to list.
    if (!this.active) {
      this.loadingRowShown = true;
      return [loadingNode(context, { state: 'loading' })];
    }
    const store = this.ensureStore(context);
    if (!(store instanceof WorkloadStore)) return [store];
    const status = store.deployments.status;
    if (status.state === 'error') return [this.errorNode('root', status.error, context)];
    const all = this.currentScope.allNamespaces;
    if (status.state === 'loading' && (all || store.deployments.size === 0)) {
      // All namespaces: the Loading row above those listed so far. One namespace: the row until its first
      // deployments arrive; then they show under the namespace, with the Loading row after them.
      return [loadingNode(context, status), ...(all ? this.orderedNamespaces(store).map((ns) => this.namespaceNode(store, ns)) : [])];
    }
    const names = all ? this.orderedNamespaces(store) : [this.currentScope.namespace];
    const nodes: WorkloadNode[] = names.map((ns) => this.namespaceNode(store, ns));
    if (nodes.length === 0) nodes.push({ kind: 'message', id: `empty:${context}`, context, severity: 'info', title: 'No deployments', message: `in any namespace of ${context}` });
    const warning = reconnectingNode(status, context);
    if (warning) nodes.unshift(warning);
    return nodes;
  }

  /** Resolves when the current scope's deployments are listed completely (or failed): starts listing if needed. */
  async whenListed(): Promise<void> {
    const { context } = this.currentScope;
    if (!context || !this.active) return;
    const store = this.ensureStore(context);
    if (store instanceof WorkloadStore) await store.deployments.whenLoaded();
  }

  /** True while the first list of the current scope is in flight (the view shows a progress bar). */
  get listing(): boolean {
    return this.store?.deployments.status.state === 'loading';
  }

  /** All namespaces: the selected one on top, then those with degraded deployments, then by name. */
  private orderedNamespaces(store: WorkloadStore): string[] {
    const ordered = orderNamespaces(store.deployments.indexValues(INDEX.namespace), this.currentScope.namespace, (ns) => this.countsOf(store, ns).degraded);
    this.shownDegraded = new Set(ordered.filter((ns) => this.countsOf(store, ns).degraded > 0));
    return ordered;
  }

  children(node: WorkloadNode): WorkloadNode[] {
    const store = this.store;
    if (!store) return [];
    switch (node.kind) {
      case 'namespace':
        return this.namespaceChildren(store, node);
      case 'deployment':
        return this.deploymentChildren(store, node);
      case 'revisions':
        return node.entries.map((e) => this.replicaSetNode(node, e));
      default:
        return [];
    }
  }

  /** A namespace folded away in the all-namespaces view stops watching its pods and ReplicaSets. */
  collapsed(node: WorkloadNode): void {
    if (node.kind === 'namespace' && this.currentScope.allNamespaces) this.store?.releaseDetails(node.name);
  }

  parentOf(node: WorkloadNode): WorkloadNode | undefined {
    switch (node.kind) {
      case 'deployment':
        return this.namespaceNodes.get(node.namespace);
      case 'pod':
      case 'revisions':
        return this.deploymentNodes.get(`${node.namespace}/${node.deployment}`);
      case 'replicaSet':
        return this.revisionsNodes.get(`${node.namespace}/${node.deployment}`);
      default:
        return undefined;
    }
  }

  /** The live deployment object, when the view is watching it. */
  /** The row of a deployment the view has shown (undefined when it never was on screen). */
  rowOf(namespace: string, name: string): DeploymentNode | undefined {
    return this.deploymentNodes.get(`${namespace}/${name}`);
  }

  deployment(namespace: string, name: string): V1Deployment | undefined {
    return this.store?.deployments.get(`${namespace}/${name}`);
  }

  dispose(): void {
    this.stopStore();
    this.changed.dispose();
  }

  // ---- building nodes ------------------------------------------------------------------------

  private namespaceChildren(store: WorkloadStore, node: NamespaceNode): WorkloadNode[] {
    store.watchDetails(node.name);
    const deployments = store.deploymentsIn(node.name).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    const status = store.deployments.status;
    // One namespace in view: its rows come page by page under it, with the Loading row last.
    if (status.state === 'loading' && !this.currentScope.allNamespaces) return [...deployments.map((d) => this.deploymentNode(store, d)), loadingNode(node.context, status, node.name)];
    if (deployments.length === 0) {
      return [{ kind: 'message', id: `empty:${node.context}/${node.name}`, context: node.context, severity: 'info', title: 'No deployments', message: `in namespace ${node.name}`, hint: 'Pick another namespace with the filter in the view title, or show all namespaces.' }];
    }
    return deployments.map((d) => this.deploymentNode(store, d));
  }

  private deploymentChildren(store: WorkloadStore, node: DeploymentNode): WorkloadNode[] {
    const d = store.deployments.get(`${node.namespace}/${node.name}`);
    const details = store.detailsOf(node.namespace);
    if (!d || !details) return [];
    const errors: WorkloadNode[] = [];
    for (const [what, status] of [['pods', details.pods.status], ['ReplicaSets', details.replicaSets.status]] as const) {
      if (status.state === 'error') errors.push(this.errorNode(`${what}:${node.namespace}`, status.error, node.context, `Cannot list ${what}`));
      if (status.state === 'loading') errors.push({ kind: 'message', id: `loading:${what}:${node.id}`, context: node.context, severity: 'info', title: 'Loading…', message: what });
    }
    if (errors.length) return errors;
    const rss = store.replicaSetsOf(d) ?? [];
    const revisionByRs = new Map(rss.map((rs) => [rs.metadata?.uid ?? '', revisionOf(rs)]));
    const pods = (store.podsOf(d) ?? []).map((p) => this.podNode(node, p, revisionByRs));
    pods.sort((a, b) => SEVERITY_ORDER[a.summary.severity] - SEVERITY_ORDER[b.summary.severity] || a.name.localeCompare(b.name));
    return [...pods, this.revisionsNode(node, d, rss)];
  }

  private namespaceNode(store: WorkloadStore, name: string): NamespaceNode {
    const counts = this.countsOf(store, name);
    let node = this.namespaceNodes.get(name);
    if (!node) {
      node = { kind: 'namespace', id: `ns:${this.currentScope.context ?? ''}/${name}`, context: this.currentScope.context ?? '', name, counts, startExpanded: !this.currentScope.allNamespaces };
      this.namespaceNodes.set(name, node);
    } else node.counts = counts;
    return node;
  }

  private countsOf(store: WorkloadStore, ns: string): NamespaceNode['counts'] {
    return this.counts.of(ns, () => store.deploymentsIn(ns).map((d) => [objectKey(d), summarizeDeployment(d, store.podsOf(d)?.map(summarizePod)).state] as [string, DeploymentState]));
  }

  private summarize(store: WorkloadStore, d: V1Deployment): DeploymentSummary {
    const summary = summarizeDeployment(d, store.podsOf(d)?.map(summarizePod));
    this.counts.track(summary.namespace, objectKey(d), summary.state);
    return summary;
  }

  private deploymentNode(store: WorkloadStore, d: V1Deployment): DeploymentNode {
    const key = objectKey(d);
    const summary = this.summarize(store, d);
    const context = this.currentScope.context ?? '';
    let node = this.deploymentNodes.get(key);
    if (!node) {
      node = { kind: 'deployment', id: `deploy:${context}/${key}`, context, namespace: summary.namespace, name: summary.name, summary };
      this.deploymentNodes.set(key, node);
    } else node.summary = summary;
    return node;
  }

  private podNode(parent: DeploymentNode, pod: V1Pod, revisionByRs: Map<string, number | undefined>): PodNode {
    const key = objectKey(pod);
    const summary: PodSummary = summarizePod(pod);
    const revision = revisionByRs.get(controllerOf(pod)?.uid ?? '');
    let node = this.podNodes.get(key);
    if (!node) {
      node = { kind: 'pod', id: `pod:${parent.context}/${key}`, context: parent.context, namespace: parent.namespace, name: summary.name, deployment: parent.name, revision, summary };
      this.podNodes.set(key, node);
    } else {
      node.summary = summary;
      node.revision = revision;
    }
    return node;
  }

  private revisionsNode(parent: DeploymentNode, d: V1Deployment, rss: V1ReplicaSet[]): RevisionsNode {
    const key = `${parent.namespace}/${parent.name}`;
    const entries = revisionHistory(d, rss);
    let node = this.revisionsNodes.get(key);
    if (!node) {
      node = { kind: 'revisions', id: `revs:${parent.context}/${key}`, context: parent.context, namespace: parent.namespace, deployment: parent.name, entries };
      this.revisionsNodes.set(key, node);
    } else node.entries = entries;
    return node;
  }

  private replicaSetNode(parent: RevisionsNode, entry: ReplicaSetNode['entry']): ReplicaSetNode {
    const key = `${parent.namespace}/${entry.replicaSet}`;
    let node = this.replicaSetNodes.get(key);
    if (!node) {
      node = { kind: 'replicaSet', id: `rs:${parent.context}/${key}`, context: parent.context, namespace: parent.namespace, deployment: parent.deployment, entry };
      this.replicaSetNodes.set(key, node);
    } else node.entry = entry;
    return node;
  }

  private errorNode(where: string, error: KubeError, context: string, title?: string): MessageNode {
    return { kind: 'message', id: `error:${context}/${where}`, context, severity: 'error', title: title ?? errorTitle(error), message: error.message, detail: error.message, hint: error.hint, retry: true };
  }

  // ---- live updates --------------------------------------------------------------------------

  private ensureStore(context: string): WorkloadStore | MessageNode {
    if (this.store) return this.store;
    const sources = this.deps.sources(context);
    if ('message' in sources) return { kind: 'message', id: `ctx-error:${context}`, context, severity: 'error', title: 'Invalid context', message: sources.message, hint: 'Fix the context in your kubeconfig, or switch context.', retry: true };
    const store = new WorkloadStore(sources, this.currentScope.allNamespaces ? undefined : this.currentScope.namespace, this.deps);
    this.store = store;
    this.storeSubscriptions = [store.deployments.onDidChangeBatch((b) => this.onDeployments(store, b)), store.onDidChangeDetails((c) => this.onDetails(store, c))];
    if (!this.currentScope.allNamespaces) store.watchDetails(this.currentScope.namespace);
    return store;
  }

  private stopStore(): void {
    for (const s of this.storeSubscriptions) s.dispose();
    this.storeSubscriptions = [];
    this.store?.dispose();
    this.store = undefined;
    this.namespaceNodes.clear();
    this.deploymentNodes.clear();
    this.podNodes.clear();
    this.revisionsNodes.clear();
    this.replicaSetNodes.clear();
    this.counts.clear();
  }

  /** A burst of deployment events: re-summarise those deployments; re-list a namespace's rows only if its membership or counts changed. */
  private onDeployments(store: WorkloadStore, b: CacheBatch<V1Deployment>): void {
    if (this.store !== store) return;
    if (b.resynced || b.statusChanged) {
      if (store.deployments.status.state === 'loading') {
        // Another page: recount only the namespaces it added deployments to (a page costs O(page), not O(loaded)).
        for (const [ns, node] of this.namespaceNodes) {
          if (node.counts.deployments === store.deployments.countByIndex(INDEX.namespace, ns)) continue;
          this.counts.forget(ns);
          node.counts = this.countsOf(store, ns);
        }
      } else {
        // A (re)list: recount the namespaces on screen from scratch, then redraw everything.
        this.counts.clear();
        for (const [ns, node] of this.namespaceNodes) node.counts = this.countsOf(store, ns);
      }
      return this.changed.fire(undefined);
    }
    const fire = new Set<WorkloadNode>();
    let rootChanged = false;
    for (const key of b.upserted) {
      const d = store.deployments.get(key);
      if (!d) continue;
      const ns = d.metadata?.namespace ?? '';
      const node = this.deploymentNodes.get(key);
      const summary = this.summarize(store, d);
      if (node) {
        node.summary = summary;
        fire.add(node);
      } else if (this.namespaceNodes.has(ns)) {
        fire.add(this.namespaceNodes.get(ns)!);
      } else if (this.currentScope.allNamespaces) rootChanged = true;
    }
    for (const [key, d] of b.deleted) {
      const ns = d.metadata?.namespace ?? '';
      this.deploymentNodes.delete(key);
      this.counts.track(ns, key, undefined);
      const nsNode = this.namespaceNodes.get(ns);
      if (this.currentScope.allNamespaces && store.deployments.countByIndex('namespace', ns) === 0) rootChanged = true;
      else if (nsNode) fire.add(nsNode);
    }
    if (rootChanged) return this.changed.fire(undefined);
    this.fireWithCounts(fire);
  }

  /** Fires the nodes, plus namespace rows whose counts changed; subtrees of fired ancestors are not fired twice. */
  private fireWithCounts(fire: Set<WorkloadNode>): void {
    for (const ns of this.counts.takeChanged()) {
      const node = this.namespaceNodes.get(ns);
      // A namespace that became degraded (or recovered) moves among the roots: re-sort them.
      if (node && this.currentScope.allNamespaces && node.counts.degraded > 0 !== this.shownDegraded.has(ns)) return this.changed.fire(undefined);
      if (node) fire.add(node);
    }
    if (fire.size) this.changed.fire(collapseToAncestors([...fire], (n) => this.parentOf(n)));
  }

  /** A burst of pod or ReplicaSet events in a namespace: only the deployments owning them change. */
  private onDetails(store: WorkloadStore, c: DetailsChange): void {
    if (this.store !== store) return;
    const affected = new Set<string>();
    const batch = c.pods ?? c.replicaSets;
    if (!batch) return;
    if (batch.resynced || batch.statusChanged) {
      for (const d of store.deploymentsIn(c.namespace)) affected.add(objectKey(d));
    } else {
      const kind = c.pods ? 'pod' : 'replicaSet';
      const cache = c.pods ? store.detailsOf(c.namespace)?.pods : store.detailsOf(c.namespace)?.replicaSets;
      const owners = [...batch.upserted].map((k) => cache?.get(k)).concat([...batch.deleted.values()]);
      for (const o of owners) {
        const d = o && store.deploymentOwning(c.namespace, controllerOf(o)?.uid, kind);
        if (d) affected.add(objectKey(d));
      }
      if (c.pods) for (const key of batch.deleted.keys()) this.podNodes.delete(key);
    }
    const fire = new Set<WorkloadNode>();
    for (const key of affected) {
      const d = store.deployments.get(key);
      if (!d) continue;
      const summary = this.summarize(store, d);
      const node = this.deploymentNodes.get(key);
      if (!node) continue;
      node.summary = summary;
      fire.add(node);
    }
    this.fireWithCounts(fire);
  }
}
