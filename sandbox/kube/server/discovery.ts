// Discovery documents: /version, /api, /apis, /apis/{group}, the per-group-version resource lists,
// and aggregated discovery (apidiscovery.k8s.io v2/v2beta1) that kubectl ≥1.26 asks for first.
import type { ResourceRegistry } from './resourceRegistry';
import { VIRTUAL_RESOURCES, groupVersionString, type GroupVersion, type ResourceInfo, type VirtualResource } from './resources';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** `gitVersion` like "v1.30.5": the kubectl dispatcher picks its kubectl minor from it. */
export function versionInfo(gitVersion: string): VersionInfo {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '30',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.22.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(registry: ResourceRegistry, group: string): object {
  const versions = registry
    .servedGroupVersions()
    .filter((g) => g.group === group)
    .map((g) => ({ groupVersion: groupVersionString(g), version: g.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: ResourceRegistry): object {
  const groups = [...new Set(registry.servedGroupVersions().filter((g) => g.group).map((g) => g.group))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupEntry(registry, g)) };
}

export function apiGroup(registry: ResourceRegistry, group: string): object {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(registry, group) };
}

const inGv = (gv: GroupVersion) => (r: GroupVersion) => r.group === gv.group && r.version === gv.version;

/** Stored and virtual resources of a group version, as discovery lists them. */
function resourcesOf(registry: ResourceRegistry, gv: GroupVersion): (ResourceInfo | VirtualResource)[] {
  return [...registry.all().filter(inGv(gv)), ...VIRTUAL_RESOURCES.filter(inGv(gv))];
}

const isStored = (r: ResourceInfo | VirtualResource): r is ResourceInfo => 'subresources' in r;

export function apiResourceList(registry: ResourceRegistry, gv: GroupVersion): object {
  const resources: object[] = [];
  for (const r of resourcesOf(registry, gv)) {
    const main: Record<string, unknown> = { name: nameOf(r), singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (!isStored(r)) {
      resources.push(main);
      continue;
    }
    if (r.shortNames.length) main.shortNames = r.shortNames;
    if (r.categories.length) main.categories = r.categories;
    resources.push(main);
    for (const s of r.subresources) {
      const sub: Record<string, unknown> = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced };
      if (s.group !== undefined) sub.group = s.group;
      if (s.version !== undefined) sub.version = s.version;
      sub.kind = s.kind;
      sub.verbs = s.verbs;
      resources.push(sub);
    }
  }
  resources.sort((a, b) => ((a as { name: string }).name < (b as { name: string }).name ? -1 : 1));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionString(gv), resources };
}

/** The URL segment discovery names a resource by. */
const nameOf = (r: ResourceInfo | VirtualResource): string => ('plural' in r ? r.plural : r.resource);

function discoveryResource(r: ResourceInfo | VirtualResource): object {
  const out: Record<string, unknown> = {
    resource: nameOf(r),
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (!isStored(r)) return out;
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return out;
}

/** APIGroupDiscoveryList for /api (core: true) or /apis. */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean, version: 'v2' | 'v2beta1'): object {
  const gvs = registry.servedGroupVersions().filter((g) => (core ? g.group === '' : g.group !== ''));
  const groups = [...new Set(gvs.map((g) => g.group))];
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((group) => ({
      metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
      versions: gvs
        .filter((g) => g.group === group)
        .map((gv) => ({ version: gv.version, resources: resourcesOf(registry, gv).map(discoveryResource), freshness: 'Current' })),
    })),
  };
}
