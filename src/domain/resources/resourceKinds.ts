// The kinds the Resources view groups by name, in the order an on-call engineer looks for them, and how the kinds
// found by discovery are sorted into "Custom resources" (API groups Kubernetes does not ship) and "Other kinds". Pure.
import type { ResourceType } from '../../clients/kubernetes/resourcesClient';

export interface KindSpec extends ResourceType {
  /** The group row's label: "CronJobs". */
  label: string;
}

export const BUILT_IN_KINDS: readonly KindSpec[] = [
  { label: 'StatefulSets', group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet' },
  { label: 'DaemonSets', group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { label: 'Jobs', group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' },
  { label: 'CronJobs', group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' },
  { label: 'Services', group: '', version: 'v1', resource: 'services', kind: 'Service' },
  { label: 'Ingresses', group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress' },
  { label: 'ConfigMaps', group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' },
  { label: 'Secrets', group: '', version: 'v1', resource: 'secrets', kind: 'Secret' },
  { label: 'HPAs', group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler' },
  { label: 'PVCs', group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' },
];

/** A stable key for a kind: "batch/cronjobs", "services" for the core group. */
export function typeKey(t: Pick<ResourceType, 'group' | 'resource'>): string {
  return t.group ? `${t.group}/${t.resource}` : t.resource;
}

/** Groups Kubernetes itself serves (the core group, apps, batch, autoscaling, policy and every *.k8s.io group). */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || ['apps', 'batch', 'autoscaling', 'policy'].includes(group) || group === 'k8s.io' || group.endsWith('.k8s.io');
}

/** Kinds other views already show or that are not worth a row of their own. */
const NOT_LISTED = new Set(['events', 'events.k8s.io/events', 'bindings', 'localsubjectaccessreviews', 'authorization.k8s.io/localsubjectaccessreviews']);

/** Splits discovered kinds: custom resources, and built-in kinds not in BUILT_IN_KINDS; each sorted by label. */
export function classifyDiscovered(types: readonly ResourceType[]): { custom: KindSpec[]; other: KindSpec[] } {
  const custom: KindSpec[] = [];
  const other: KindSpec[] = [];
  const seen = new Set<string>();
  for (const t of types) {
    const key = typeKey(t);
    if (seen.has(key) || NOT_LISTED.has(key) || NOT_LISTED.has(t.resource)) continue;
    seen.add(key);
    // A kind with a group row of its own (in any version its group serves) is not listed again.
    if (BUILT_IN_KINDS.some((k) => k.group === t.group && k.resource === t.resource)) continue;
    const spec = { ...t, label: kindLabel(t) };
    (isBuiltInGroup(t.group) ? other : custom).push(spec);
  }
  const byLabel = (a: KindSpec, b: KindSpec) => a.label.localeCompare(b.label);
  return { custom: custom.sort(byLabel), other: other.sort(byLabel) };
}

/** "Canaries (flagger.app)", "PodDisruptionBudgets": the plural kind, with the group when it is not core. */
function kindLabel(t: ResourceType): string {
  const plural = t.kind.endsWith('y') && !/[aeiou]y$/i.test(t.kind) ? `${t.kind.slice(0, -1)}ies` : t.kind.endsWith('s') ? `${t.kind}es` : `${t.kind}s`;
  return isBuiltInGroup(t.group) ? plural : `${plural} (${t.group})`;
}
