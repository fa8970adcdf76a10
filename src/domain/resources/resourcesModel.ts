// The Resources view's model: the selected namespace, its kind groups, and — only for a group that is expanded while
// the view is visible — a list-watch of that kind into an object cache. Collapsing a group (or hiding the view) stops
// its watch and forgets its objects, so kinds nobody looks at cost nothing. The name filter narrows the loaded groups.
import type { Disposable } from '../../core/disposable';
import { Emitter } from '../../core/event';
import type { Result } from '../../core/result';
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import { startListWatch, type ListWatchSource } from '../../clients/kubernetes/listWatch';
import type { ResourceType } from '../../clients/kubernetes/resourcesClient';
import { ObjectCache } from '../kube/objectCache';
import { countText, matchesFilter, normalizeFilter } from './resourceFilter';
import { BUILT_IN_KINDS, classifyDiscovered, typeKey, type KindSpec } from './resourceKinds';
import type { GroupRow, NamespaceRow, ObjectRow, ResourceMessageRow, ResourceNode } from './resourceNodes';
import { describeResource, secretKeys, secretValue, type AnyObject } from './resourceRows';
import { endpointsFromObject, endpointsFromPods, serviceSelector, type Endpoint } from './serviceEndpoints';

export interface ResourceSources {
  source(t: ResourceType, namespace: string): ListWatchSource<AnyObject>;
  /** Every namespaced, listable and watchable kind the API server serves. */
  discover(signal: AbortSignal): Promise<Result<ResourceType[], KubeError>>;
  /** A Service's endpoints: from its Endpoints object, or from the pods its selector matches (`fromPods`). */
  endpoints(namespace: string, service: string, selector: string | undefined, signal: AbortSignal): Promise<Result<{ endpoints?: AnyObject; pods?: AnyObject[] }, KubeError>>;
}

export interface ResourcesModelDeps {
  sourcesFor(context: string): ResourceSources | { message: string };
  now?: () => number;
  coalesceMs?: number;
}

interface Watch {
  cache: ObjectCache<AnyObject>;
  stop: Disposable;
  sub: Disposable;
}

export class ResourcesModel implements Disposable {
  private readonly changed = new Emitter<ResourceNode | undefined>();
  readonly onDidChange = this.changed.event;
  private context: string | undefined;
  private namespace: string | undefined;
  private active = false;
  private filterText = '';
  private root: NamespaceRow | undefined;
  private readonly groups = new Map<string, GroupRow>();
  private readonly watches = new Map<string, Watch>();
  private discovery: Promise<Result<{ custom: KindSpec[]; other: KindSpec[] }, KubeError>> | undefined;

  constructor(private readonly deps: ResourcesModelDeps) {}

  get scope(): { context?: string; namespace?: string } {
    return { context: this.context, namespace: this.namespace };
  }

  get filter(): string {
    return this.filterText;
  }

  /** The kinds listed and watched right now (for the view's tests and the benchmark): "phoenix-system/batch/cronjobs". */
  get watching(): string[] {
    return [...this.watches.keys()].map((id) => this.groups.get(id)).map((g) => (g?.spec ? `${g.namespace}/${typeKey(g.spec)}` : '')).filter(Boolean);
  }

  /** Follows the cockpit's selection; a change stops every watch. */
  setScope(context: string | undefined, namespace: string | undefined): void {
    if (context === this.context && namespace === this.namespace) return;
    this.stopAll();
    this.discovery = undefined;
    this.context = context;
    this.namespace = namespace;
    this.root = context && namespace ? { kind: 'namespace', id: `res:${context}/${namespace}`, context, namespace } : undefined;
    this.groups.clear();
    this.changed.fire(undefined);
  }

  /** Hidden: every watch stops. Shown again: the expanded groups list afresh (VS Code asks for their children). */
  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    if (!active) this.stopAll();
    this.changed.fire(undefined);
  }

  setFilter(text: string | undefined): void {
    const next = normalizeFilter(text);
    if (next === this.filterText) return;
    this.filterText = next;
    this.changed.fire(undefined);
  }

  /** Drops every watch and the discovered kinds; what is expanded lists again. */
  refresh(): void {
    this.stopAll();
    this.discovery = undefined;
    this.changed.fire(undefined);
  }

  roots(): ResourceNode[] {
    return this.root ? [this.root] : [];
  }

  /** The group row's count ("2 of 14"), or undefined when its kind is not loaded. */
  groupCount(g: GroupRow): string | undefined {
    const w = this.watches.get(g.id);
    if (!w || w.cache.status.state !== 'ready') return undefined;
    let shown = 0;
    for (const o of w.cache.values()) if (matchesFilter(o.metadata?.name ?? '', this.filterText)) shown++;
    return countText(shown, w.cache.size, this.filterText);
  }

  async children(node: ResourceNode): Promise<ResourceNode[]> {
    switch (node.kind) {
      case 'namespace':
        return this.namespaceChildren(node);
      case 'group':
        return node.spec ? this.objectRows(node, node.spec) : this.discoveredGroups(node);
      case 'object':
        return this.objectChildren(node);
      default:
        return [];
    }
  }

  /** Collapsing a group stops its watch (and every watch under a collapsed namespace or discovery group). */
  collapsed(node: ResourceNode): void {
    if (node.kind !== 'namespace' && node.kind !== 'group') return;
    let stopped = false;
    for (const id of [...this.watches.keys()]) {
      const g = this.groups.get(id);
      if (g && (g === node || isUnder(g, node))) stopped = this.stop(id) || stopped;
    }
    // Marks the node stale, so VS Code asks for its children (and the watch restarts) when it is expanded again.
    if (stopped) this.changed.fire(node);
  }

  /** Expanded: a group whose watch is not running asks VS Code to read its children again (which starts it). */
  expanded(node: ResourceNode): void {
    if (node.kind === 'group' && node.spec && !this.watches.has(node.id)) this.changed.fire(node);
  }

  /** The object as last listed (for Reveal and Run Now to find without another round trip what the row showed). */
  objectOf(row: ObjectRow): AnyObject | undefined {
    return this.watches.get(row.parent.id)?.cache.get(`${row.namespace}/${row.name}`) ?? row.object;
  }

  parentOf(node: ResourceNode): ResourceNode | undefined {
    return node.kind === 'namespace' ? undefined : node.parent;
  }

  dispose(): void {
    this.stopAll();
    this.changed.dispose();
  }

  private namespaceChildren(ns: NamespaceRow): ResourceNode[] {
    const rows: ResourceNode[] = [];
    if (this.filterText) {
      rows.push(message(ns, 'filter', 'info', `Filter "${this.filterText}": names containing it, in expanded kinds only`, 'Collapsed kinds are not loaded, so the filter does not search them: expand a kind to search it.'));
    }
    for (const spec of BUILT_IN_KINDS) rows.push(this.group(ns, spec.label, spec));
    rows.push(this.group(ns, 'Custom resources', undefined, 'custom'), this.group(ns, 'Other kinds', undefined, 'other'));
    return rows;
  }

  private group(parent: NamespaceRow | GroupRow, label: string, spec: KindSpec | undefined, discovered?: 'custom' | 'other'): GroupRow {
    const id = `${parent.id}/${spec ? typeKey(spec) : `*${discovered ?? ''}`}`;
    let g = this.groups.get(id);
    if (!g) {
      g = { kind: 'group', id, context: parent.context, namespace: parent.namespace, label, spec, discovered, parent };
      this.groups.set(id, g);
    }
    return g;
  }

  private async discoveredGroups(g: GroupRow): Promise<ResourceNode[]> {
    const sources = this.deps.sourcesFor(g.context);
    if (!('source' in sources)) return [message(g, 'error', 'error', `Cannot reach context ${g.context}`, sources.message)];
    this.discovery ??= (async () => {
      const r = await sources.discover(new AbortController().signal);
      return r.ok ? { ok: true as const, value: classifyDiscovered(r.value) } : r;
    })();
    const r = await this.discovery;
    if (!r.ok) {
      this.discovery = undefined; // the next expand asks again
      return [message(g, 'error', 'error', `Could not discover the API's kinds: ${r.error.message}`, r.error.hint)];
    }
    const specs = g.discovered === 'custom' ? r.value.custom : r.value.other;
    if (!specs.length) return [message(g, 'none', 'info', g.discovered === 'custom' ? 'No custom resource kinds are served (no CRDs installed)' : 'No other namespaced kinds')];
    return specs.map((s) => this.group(g, s.label, s));
  }

  private async objectRows(g: GroupRow, spec: KindSpec): Promise<ResourceNode[]> {
    if (!this.active) return [];
    let w = this.watches.get(g.id);
    if (!w) {
      const sources = this.deps.sourcesFor(g.context);
      if (!('source' in sources)) return [message(g, 'error', 'error', `Cannot reach context ${g.context}`, sources.message)];
      w = this.start(g, sources.source(spec, g.namespace));
    }
    await w.cache.whenReadable();
    if (this.watches.get(g.id) !== w) return []; // collapsed or hidden meanwhile
    const status = w.cache.status;
    if (status.state === 'error') return [message(g, 'error', 'error', `Could not list ${g.label}: ${status.error.message} (retrying in ${Math.ceil(status.retryInMs / 1000)} s)`, status.error.hint)];
    const now = (this.deps.now ?? Date.now)();
    const rows: ResourceNode[] = [];
    if (status.state === 'loading') rows.push(message(g, 'loading', 'loading', `Loading ${g.label}… ${status.loaded ?? 0} so far`));
    if (status.state === 'ready' && status.reconnecting) rows.push(message(g, 'reconnecting', 'error', `Reconnecting: ${status.reconnecting.error.message}`, status.reconnecting.error.hint));
    const objects = [...w.cache.values()].filter((o) => matchesFilter(o.metadata?.name ?? '', this.filterText)).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    for (const o of objects) {
      const name = o.metadata?.name ?? '';
      rows.push({ kind: 'object', id: `${g.id}/${name}`, context: g.context, namespace: g.namespace, spec, name, uid: o.metadata?.uid, row: describeResource(spec.kind, o, now), object: o, parent: g });
    }
    if (!objects.length && status.state === 'ready') rows.push(message(g, 'none', 'info', w.cache.size ? `No ${g.label} match "${this.filterText}"` : `No ${g.label} in ${g.namespace}`));
    return rows;
  }

  private async objectChildren(row: ObjectRow): Promise<ResourceNode[]> {
    const o = this.objectOf(row) ?? row.object;
    if (row.spec.kind === 'Secret') {
      return secretKeys(o).map((key) => ({ kind: 'secretKey', id: `${row.id}/${key}`, context: row.context, namespace: row.namespace, secret: row.name, key, bytes: Buffer.byteLength(secretValue(o, key) ?? ''), parent: row }));
    }
    if (row.spec.kind === 'Service') return this.endpointRows(row, o);
    return [];
  }

  private async endpointRows(row: ObjectRow, service: AnyObject): Promise<ResourceNode[]> {
    const sources = this.deps.sourcesFor(row.context);
    if (!('source' in sources)) return [message(row, 'error', 'error', `Cannot reach context ${row.context}`, sources.message)];
    const selector = serviceSelector(service);
    const r = await sources.endpoints(row.namespace, row.name, selector, new AbortController().signal);
    if (!r.ok) return [message(row, 'error', 'error', `Could not read the endpoints: ${r.error.message}`, r.error.hint)];
    const list: Endpoint[] = r.value.endpoints ? endpointsFromObject(r.value.endpoints) : endpointsFromPods(r.value.pods ?? [], service);
    const rows: ResourceNode[] = [];
    if (!r.value.endpoints) {
      rows.push(message(row, 'from-pods', 'info', selector ? `From pods matching ${selector} (the API server keeps no Endpoints for it)` : 'No selector and no Endpoints object: no endpoints'));
    }
    for (const e of list) rows.push({ kind: 'endpoint', id: `${row.id}/@${e.pod}/${e.ip}`, pod: e.pod, ip: e.ip, ready: e.ready, ports: e.ports, parent: row });
    if (!list.length && selector) rows.push(message(row, 'none', 'info', 'No endpoints: no running pod matches'));
    return rows;
  }

  private start(g: GroupRow, source: ListWatchSource<AnyObject>): Watch {
    const cache = new ObjectCache<AnyObject>({ coalesceMs: this.deps.coalesceMs });
    const sub = cache.onDidChange(() => this.changed.fire(g));
    const stop = startListWatch(source, (e) => cache.apply(e));
    const w = { cache, stop, sub };
    this.watches.set(g.id, w);
    return w;
  }

  private stop(id: string): boolean {
    const w = this.watches.get(id);
    if (!w) return false;
    this.watches.delete(id);
    w.stop.dispose();
    w.sub.dispose();
    w.cache.dispose();
    return true;
  }

  private stopAll(): void {
    for (const id of [...this.watches.keys()]) this.stop(id);
  }
}

function isUnder(g: GroupRow, ancestor: ResourceNode): boolean {
  for (let p: ResourceNode | undefined = g.parent; p; p = p.kind === 'group' ? p.parent : undefined) if (p === ancestor) return true;
  return false;
}

function message(parent: NamespaceRow | GroupRow | ObjectRow, key: string, severity: ResourceMessageRow['severity'], text: string, hint?: string): ResourceMessageRow {
  return { kind: 'message', id: `${parent.id}/!${key}`, severity, text, hint, parent };
}
