// The simulated cluster's "etcd": objects by resource and namespace, one resourceVersion counter,
// and a bounded event history so watches can resume from a resourceVersion (or get 410 Gone).
//
// Objects returned by the store are the stored instances: treat them as read-only. To change one,
// clone it (`structuredClone`), modify the clone and pass it to `update`.
import { randomUUID } from 'node:crypto';
import type { KubeObject, ResourceName, StoreEvent, WatchEventType } from './types';

export type StoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid';

export class StoreError extends Error {
  constructor(
    readonly reason: StoreErrorReason,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Built-in cluster-scoped resources; custom ones are added per store with markClusterScoped(). */
export const CLUSTER_SCOPED: ReadonlySet<ResourceName> = new Set(['namespaces', 'customresourcedefinitions', 'nodes']);

type Listener = (e: StoreEvent) => void;

export interface ObjectStoreOptions {
  /** How many events are kept for watch replay; older resourceVersions get 410 Gone. */
  historyLimit?: number;
  now?: () => Date;
}

export class ObjectStore {
  private rv = 1;
  /** resource → namespace ('' for cluster-scoped) → name → object */
  private readonly objects = new Map<ResourceName, Map<string, Map<string, KubeObject>>>();
  private readonly history: StoreEvent[] = [];
  private historyStart = 0; // index into history of the oldest retained event (ring without shifting)
  private readonly listeners = new Set<Listener>();
  private readonly historyLimit: number;
  private readonly now: () => Date;
  private readonly clusterScoped = new Set<ResourceName>(CLUSTER_SCOPED);

  constructor(opts: ObjectStoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 100_000;
    this.now = opts.now ?? (() => new Date());
  }

  /** The newest resourceVersion handed out (what a list returns as `metadata.resourceVersion`). */
  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch may still resume from. */
  get oldestResumableVersion(): number {
    const first = this.history[this.historyStart];
    return first ? first.rv - 1 : this.rv;
  }

  /** A custom resource whose CRD says `scope: Cluster` keeps its objects outside namespaces. */
  markClusterScoped(resource: ResourceName): void {
    this.clusterScoped.add(resource);
  }

  isClusterScoped(resource: ResourceName): boolean {
    return this.clusterScoped.has(resource);
  }

  list(resource: ResourceName, namespace?: string): KubeObject[] {
    const byNs = this.objects.get(resource);
    if (!byNs) return [];
    if (namespace !== undefined && !this.clusterScoped.has(resource)) {
      return [...(byNs.get(namespace)?.values() ?? [])];
    }
    const out: KubeObject[] = [];
    for (const m of byNs.values()) for (const o of m.values()) out.push(o);
    return out;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(this.nsKey(resource, namespace))?.get(name);
  }

  /**
   * Stores a new object: fills uid, resourceVersion, creationTimestamp, generation (and a name from generateName).
   * `uid` is for the API server only, when a strategy had to know it before storing (a Job's selector names it).
   */
  create(resource: ResourceName, input: KubeObject, opts: { uid?: string } = {}): KubeObject {
    const obj = structuredClone(input);
    const meta = obj.metadata ?? (obj.metadata = { name: '' });
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name) throw new StoreError('Invalid', 422, `${resource} "": name or generateName is required`);
    const ns = this.nsKey(resource, meta.namespace);
    if (!this.clusterScoped.has(resource)) {
      if (!ns) throw new StoreError('Invalid', 422, `${resource} "${meta.name}": namespace is required`);
      if (!this.get('namespaces', undefined, ns)) throw new StoreError('NotFound', 404, `namespaces "${ns}" not found`);
      meta.namespace = ns;
    } else {
      delete meta.namespace;
    }
    const bucket = this.bucket(resource, ns);
    if (bucket.has(meta.name)) throw new StoreError('AlreadyExists', 409, `${resource} "${meta.name}" already exists`);
    meta.uid = opts.uid ?? randomUUID();
    meta.creationTimestamp = isoSeconds(this.now());
    meta.generation = 1;
    delete meta.deletionTimestamp;
    meta.resourceVersion = String(++this.rv);
    bucket.set(meta.name, obj);
    this.emit('ADDED', resource, obj);
    return obj;
  }

  /**
   * Replaces an object. If `input.metadata.resourceVersion` is set it must match (optimistic
   * concurrency, 409 Conflict otherwise). `generation` grows when `spec` changes; uid and
   * creationTimestamp are kept from the stored object.
   */
  update(resource: ResourceName, input: KubeObject): KubeObject {
    const obj = structuredClone(input);
    const ns = this.nsKey(resource, obj.metadata?.namespace);
    const name = obj.metadata?.name;
    const current = name ? this.bucket(resource, ns).get(name) : undefined;
    if (!current || !name) throw new StoreError('NotFound', 404, `${resource} "${name ?? ''}" not found`);
    const wanted = obj.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) {
      throw new StoreError(
        'Conflict',
        409,
        `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    obj.metadata.uid = current.metadata.uid;
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if (!this.clusterScoped.has(resource)) obj.metadata.namespace = ns;
    const specChanged = !deepEqual(obj.spec, current.spec);
    obj.metadata.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    if (!specChanged && !obj.metadata.deletionTimestamp && sameExceptVersion(obj, current)) {
      return current; // a no-op update does not bump the resourceVersion (as the real API server)
    }
    obj.metadata.resourceVersion = String(++this.rv);
    this.bucket(resource, ns).set(name, obj);
    this.emit('MODIFIED', resource, obj, current);
    return obj;
  }

  delete(resource: ResourceName, namespace: string | undefined, name: string): KubeObject {
    const ns = this.nsKey(resource, namespace);
    const bucket = this.bucket(resource, ns);
    const current = bucket.get(name);
    if (!current) throw new StoreError('NotFound', 404, `${resource} "${name}" not found`);
    bucket.delete(name);
    const last = { ...current, metadata: { ...current.metadata, resourceVersion: String(++this.rv) } };
    this.emit('DELETED', resource, last);
    if (resource === 'namespaces') {
      for (const r of this.objects.keys()) {
        if (this.clusterScoped.has(r)) continue;
        for (const o of this.list(r, name)) this.delete(r, name, o.metadata.name);
      }
    }
    return last;
  }

  /**
   * Events after `rv` (exclusive) for a resource, optionally in one namespace, oldest first.
   * Returns undefined when `rv` is older than the retained history (the caller answers 410 Gone).
   */
  eventsSince(rv: number, resource: ResourceName, namespace?: string): StoreEvent[] | undefined {
    if (rv < this.oldestResumableVersion) return undefined;
    const out: StoreEvent[] = [];
    // History is ordered by rv, so binary search for the first event newer than rv.
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) {
      const e = this.history[i];
      if (e.resource !== resource) continue;
      if (namespace !== undefined && e.object.metadata.namespace !== namespace) continue;
      out.push(e);
    }
    return out;
  }

  /** Listeners run synchronously after each change, in the order changes happen. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forget all history older than now, so every older resourceVersion gets 410 Gone (for tests). */
  compact(): void {
    this.historyStart = this.history.length;
  }

  private emit(type: WatchEventType, resource: ResourceName, object: KubeObject, previous?: KubeObject): void {
    const e: StoreEvent = previous ? { type, resource, object, rv: this.rv, previous } : { type, resource, object, rv: this.rv };
    this.history.push(e);
    if (this.history.length - this.historyStart > this.historyLimit) this.historyStart++;
    // Reclaim the dead prefix now and then instead of shifting on every event.
    if (this.historyStart > 4096 && this.historyStart * 2 > this.history.length) {
      this.history.splice(0, this.historyStart);
      this.historyStart = 0;
    }
    for (const l of [...this.listeners]) l(e);
  }

  private nsKey(resource: ResourceName, namespace: string | undefined): string {
    return this.clusterScoped.has(resource) ? '' : (namespace ?? '');
  }

  private bucket(resource: ResourceName, ns: string): Map<string, KubeObject> {
    let byNs = this.objects.get(resource);
    if (!byNs) this.objects.set(resource, (byNs = new Map()));
    let m = byNs.get(ns);
    if (!m) byNs.set(ns, (m = new Map()));
    return m;
  }
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The 5 characters a generateName gets (the API server's SimpleNameGenerator). */
export function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

function sameExceptVersion(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, generation: undefined } });
  return deepEqual(strip(a), strip(b));
}

/** JSON equality that ignores key order (a PUT may list fields in another order) and undefined members. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
