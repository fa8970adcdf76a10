// The resources one cluster serves now: the built-ins plus the custom resources of its
// CustomResourceDefinitions, kept current by watching the store (a CRD created with kubectl is
// served at once; deleting it stops serving its resource and deletes its objects, as the real server).
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject, ResourceName } from '../store/types';
import { crdResources } from './crd/customResources';
import { GROUP_VERSIONS, RESOURCES, groupVersionString, sameGroupVersion, type GroupVersion, type ResourceInfo } from './resources';

export class ResourceRegistry {
  private custom: ResourceInfo[] = [];
  private byPath = new Map<string, ResourceInfo>();
  private groupVersions: GroupVersion[] = [...GROUP_VERSIONS];
  /** Aggregated APIs (metrics.k8s.io) served only while their backend is there, as an APIService's availability. */
  private readonly aggregated: Array<{ gv: GroupVersion; available: () => boolean }> = [];
  /** Bumped on every change, so caches of documents built from the registry know to rebuild. */
  generation = 0;

  constructor(private readonly store: ObjectStore) {
    this.rebuild();
    store.subscribe((e) => {
      if (e.resource !== 'customresourcedefinitions') return;
      if (e.type === 'DELETED') this.dropObjectsOf(e.object);
      this.rebuild();
    });
  }

  /** Built-ins first, then custom resources (one entry per served version). */
  all(): ResourceInfo[] {
    return [...RESOURCES, ...this.custom];
  }

  find(gv: GroupVersion, plural: string): ResourceInfo | undefined {
    return this.byPath.get(`${groupVersionString(gv)}/${plural}`);
  }

  /** Any served version of a stored resource (for code that only needs scope and kind). */
  byResource(resource: ResourceName): ResourceInfo | undefined {
    return this.all().find((r) => r.resource === resource);
  }

  servedGroupVersions(): readonly GroupVersion[] {
    const up = this.aggregated.filter((a) => a.available()).map((a) => a.gv);
    return up.length ? [...this.groupVersions, ...up] : this.groupVersions;
  }

  isServedGroupVersion(gv: GroupVersion): boolean {
    return this.servedGroupVersions().some((g) => sameGroupVersion(g, gv));
  }

  isServedGroup(group: string): boolean {
    return this.servedGroupVersions().some((g) => g.group === group);
  }

  /** Serves `gv` (discovery and routing) whenever `available()` says its backend is up. */
  addAggregated(gv: GroupVersion, available: () => boolean): void {
    this.aggregated.push({ gv, available });
  }

  private rebuild(): void {
    this.custom = this.store.list('customresourcedefinitions').flatMap((crd) => crdResources(crd));
    this.byPath = new Map(this.all().map((r) => [`${groupVersionString(r)}/${r.plural}`, r]));
    const gvs = [...GROUP_VERSIONS];
    for (const r of this.custom) {
      if (!r.namespaced) this.store.markClusterScoped(r.resource);
      if (!gvs.some((g) => sameGroupVersion(g, r))) gvs.push({ group: r.group, version: r.version });
    }
    this.groupVersions = gvs;
    this.generation++;
  }

  private dropObjectsOf(crd: KubeObject): void {
    for (const info of crdResources(crd).slice(0, 1)) {
      for (const o of this.store.list(info.resource)) this.store.delete(info.resource, o.metadata.namespace, o.metadata.name);
    }
  }
}

const registries = new WeakMap<ObjectStore, ResourceRegistry>();

/** The registry of a cluster's store (one per store, made on first use). */
export function registryOf(store: ObjectStore): ResourceRegistry {
  let r = registries.get(store);
  if (!r) registries.set(store, (r = new ResourceRegistry(store)));
  return r;
}
