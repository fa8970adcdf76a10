// Any namespaced resource by its API coordinates (group, version, plural), over a WorkloadsClient's plain-JSON HTTP:
// a list-watch source for one kind in one namespace, get, create, a uid-bound delete, and discovery of the kinds the
// API server serves beyond the built-in ones (custom resources). Knows nothing about what the objects mean.
import { ok, type Result } from '../../core/result';
import type { KubeError } from './kubeErrors';
import type { KubeObjectLike, ListWatchSource } from './listWatch';
import { listPaged } from './pagedList';
import type { WorkloadsClient } from './workloadsClient';

/** Where a kind lives in the API: `group` '' is the core group (/api/v1). */
export interface ResourceType {
  group: string;
  version: string;
  /** The plural, as in the URL: "cronjobs". */
  resource: string;
  kind: string;
}

/** /api/v1 or /apis/<group>/<version>. */
export function apiBase(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
}

/** The collection (or one object's) path of a namespaced kind. */
export function namespacedPath(t: ResourceType, namespace: string, name?: string): string {
  const base = `${apiBase(t)}/namespaces/${encodeURIComponent(namespace)}/${t.resource}`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

interface ApiGroupList {
  groups?: Array<{ name?: string; preferredVersion?: { version?: string }; versions?: Array<{ version?: string }> }>;
}

interface ApiResourceList {
  resources?: Array<{ name?: string; kind?: string; namespaced?: boolean; verbs?: string[] }>;
}

export class ResourcesClient {
  constructor(private readonly client: WorkloadsClient) {}

  get context(): string {
    return this.client.context;
  }

  /** List once (in pages), then watch from its resourceVersion — the same loop the Deployments view runs. */
  source<T extends KubeObjectLike>(t: ResourceType, namespace: string): ListWatchSource<T> {
    const path = namespacedPath(t, namespace);
    return {
      list: (signal, onPage) => listPaged<T>(this.client.http, path, {}, { signal, onPage, pageSize: this.client.pageSize }),
      watch: (resourceVersion, handlers, signal) =>
        this.client.kube.watch<T>(path, { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 290 + Math.floor(Math.random() * 20) }, handlers, signal),
    };
  }

  get(t: ResourceType, namespace: string, name: string, signal?: AbortSignal): Promise<Result<Record<string, unknown>, KubeError>> {
    return this.client.http.json<Record<string, unknown>>({ path: namespacedPath(t, namespace, name) }, signal);
  }

  create(t: ResourceType, namespace: string, body: unknown, signal?: AbortSignal): Promise<Result<Record<string, unknown>, KubeError>> {
    return this.client.http.json<Record<string, unknown>>({ method: 'POST', path: namespacedPath(t, namespace), body, contentType: 'application/json' }, signal);
  }

  /**
   * Deletes the object the user saw: the uid precondition makes the server refuse (409) if a same-named object
   * replaced it since. Background propagation, as kubectl: the garbage collector removes what it owned.
   */
  delete(t: ResourceType, namespace: string, name: string, uid: string | undefined, signal?: AbortSignal): Promise<Result<unknown, KubeError>> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...(uid ? { preconditions: { uid } } : {}) };
    return this.client.http.json<unknown>({ method: 'DELETE', path: namespacedPath(t, namespace, name), body, contentType: 'application/json' }, signal);
  }

  /** Objects of a kind matching a label selector, once (a Service's pods). */
  async listBySelector<T>(t: ResourceType, namespace: string, labelSelector: string, signal?: AbortSignal): Promise<Result<T[], KubeError>> {
    const r = await listPaged<T>(this.client.http, namespacedPath(t, namespace), { labelSelector }, { signal, pageSize: this.client.pageSize });
    return r.ok ? ok(r.value.items) : r;
  }

  /**
   * A Service's endpoints: its Endpoints object when the API server keeps one (a real cluster); else, when it answers
   * 404 (a server without the endpoints controller, like the sandbox's), the pods its selector matches.
   */
  async endpoints(namespace: string, service: string, selector: string | undefined, signal?: AbortSignal): Promise<Result<{ endpoints?: Record<string, unknown>; pods?: Record<string, unknown>[] }, KubeError>> {
    const e = await this.get(ENDPOINTS, namespace, service, signal);
    if (e.ok) return ok({ endpoints: e.value });
    if (e.error.kind !== 'notFound') return e;
    if (!selector) return ok({ pods: [] });
    const pods = await this.listBySelector<Record<string, unknown>>(POD, namespace, selector, signal);
    return pods.ok ? ok({ pods: pods.value }) : pods;
  }

  /**
   * Every namespaced, listable and watchable kind the API server serves (the core group and each group's preferred
   * version): what `kubectl api-resources --namespaced --verbs=list,watch` prints. A group that fails to answer is
   * left out, not fatal — aggregated APIs are often down.
   */
  async discoverNamespaced(signal?: AbortSignal): Promise<Result<ResourceType[], KubeError>> {
    const groups = await this.client.http.json<ApiGroupList>({ path: '/apis' }, signal);
    if (!groups.ok) return groups;
    const versions = [
      { group: '', version: 'v1', path: '/api/v1' },
      ...(groups.value.groups ?? [])
        .filter((g) => g.name)
        .map((g) => {
          const version = g.preferredVersion?.version ?? g.versions?.[0]?.version ?? '';
          return { group: g.name ?? '', version, path: `/apis/${g.name ?? ''}/${version}` };
        }),
    ];
    const answers = await Promise.all(versions.map(async (v) => ({ ...v, r: await this.client.http.json<ApiResourceList>({ path: v.path }, signal) })));
    const types: ResourceType[] = [];
    for (const { group, version, r } of answers) {
      if (!r.ok) continue;
      for (const res of r.value.resources ?? []) {
        const verbs = res.verbs ?? [];
        if (!res.name || res.name.includes('/') || !res.namespaced || !verbs.includes('list') || !verbs.includes('watch')) continue;
        types.push({ group, version, resource: res.name, kind: res.kind ?? res.name });
      }
    }
    return ok(types);
  }
}

const ENDPOINTS: ResourceType = { group: '', version: 'v1', resource: 'endpoints', kind: 'Endpoints' };
const POD: ResourceType = { group: '', version: 'v1', resource: 'pods', kind: 'Pod' };
