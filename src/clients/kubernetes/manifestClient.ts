// Any object of any kind, by apiVersion and kind as a manifest names it: discovery maps the kind to its resource (as
// kubectl's RESTMapper does, cached per group-version), then plain-JSON get / create / patch / replace, each with an
// optional server-side dry run (dryRun=All: validated, defaulted, nothing stored).
import { err, ok, type Result } from '../../core/result';
import type { KubeJson } from '../../domain/edit/editableObject';
import type { ManifestPort, PortError, ResourceType, WhereObject } from '../../domain/edit/manifestApply';
import { type KubeHttp, PatchType } from './kubeHttp';

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

export class ManifestClient implements ManifestPort {
  private readonly discovered = new Map<string, Promise<Result<ApiResourceList, PortError>>>();

  constructor(readonly http: KubeHttp) {}

  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<Result<ResourceType, PortError>> {
    const api = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    let list = this.discovered.get(api);
    if (!list) {
      list = this.http.json<ApiResourceList>({ path: api }, signal);
      this.discovered.set(api, list);
    }
    const r = await list;
    if (!r.ok) {
      this.discovered.delete(api); // a failure is not remembered: the next try asks again
      if (r.error.kind === 'notFound') return err({ kind: 'notFound', message: `the server does not serve ${apiVersion} (no matches for kind "${kind}" in version "${apiVersion}")`, hint: 'Check apiVersion; is the CRD installed?' });
      return r;
    }
    // Exact first (a manifest's kind is case-sensitive); an Edit YAML address carries it in lower case.
    const top = (r.value.resources ?? []).filter((x) => !x.name.includes('/'));
    const found = top.find((x) => x.kind === kind) ?? (kind === kind.toLowerCase() ? top.find((x) => x.kind.toLowerCase() === kind) : undefined);
    if (!found) return err({ kind: 'notFound', message: `no matches for kind "${kind}" in version "${apiVersion}"`, hint: 'Check kind and apiVersion; is the CRD installed?' });
    return ok({ api, resource: found.name, kind: found.kind, group, namespaced: found.namespaced });
  }

  get(at: WhereObject, signal?: AbortSignal): Promise<Result<KubeJson | undefined, PortError>> {
    return this.http.json<KubeJson>({ path: objectPath(at) }, signal).then((r) => (r.ok ? r : r.error.kind === 'notFound' ? ok(undefined) : r));
  }

  create(at: WhereObject, body: KubeJson, dryRun: boolean, signal?: AbortSignal): Promise<Result<KubeJson, PortError>> {
    return this.http.json<KubeJson>({ method: 'POST', path: collectionPath(at), query: query(dryRun), body }, signal);
  }

  patch(at: WhereObject, patch: KubeJson, dryRun: boolean, signal?: AbortSignal): Promise<Result<KubeJson, PortError>> {
    // Custom resources take no strategic merge patch (the server answers 415); kubectl sends them a merge patch.
    const type = at.type.group === '' || BUILT_IN_GROUPS.has(at.type.group) ? PatchType.strategic : PatchType.merge;
    return this.http.json<KubeJson>({ method: 'PATCH', path: objectPath(at), query: query(dryRun), body: patch, contentType: type }, signal);
  }

  replace(at: WhereObject, body: KubeJson, dryRun: boolean, signal?: AbortSignal): Promise<Result<KubeJson, PortError>> {
    return this.http.json<KubeJson>({ method: 'PUT', path: objectPath(at), query: query(dryRun), body }, signal);
  }
}

/** Groups whose kinds are compiled into the API server (strategic merge patch works on them). */
const BUILT_IN_GROUPS = new Set(['apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'scheduling.k8s.io', 'node.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io']);

function query(dryRun: boolean): Record<string, string> {
  return dryRun ? { dryRun: 'All', fieldManager: 'phoenix-ops' } : { fieldManager: 'phoenix-ops' };
}

function collectionPath(at: WhereObject): string {
  return `${at.type.api}${at.namespace !== undefined ? `/namespaces/${encodeURIComponent(at.namespace)}` : ''}/${at.type.resource}`;
}

function objectPath(at: WhereObject): string {
  return `${collectionPath(at)}/${encodeURIComponent(at.name)}`;
}
