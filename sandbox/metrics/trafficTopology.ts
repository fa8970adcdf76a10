// Reads a cluster's store into traffic groups: which deployments serve each service, with how many ready (-bad, -slow) pods, whether its Service routes to them, the canary weight of its ingress and the main Ingress the traffic comes through.
import type { ObjectStore } from '../kube/store/objectStore';
import type { KubeObject } from '../kube/store/types';
import type { IngressRoute } from './ingressSeries';
import {
  canaryWeightOf,
  containerImages,
  controllerRef,
  ingressBackendPort,
  ingressBackendServices,
  ingressHosts,
  isBadImage,
  isGeneratedLoadNamespace,
  isPodReady,
  isSlowImage,
  labelsOf,
  matchLabelsOf,
  selects,
  serviceSelectorOf,
  templateLabelsOf,
} from './kubeShapes';

/** `primary`/`canary`, or a blue/green pair's colour (its `version` label). */
export type Track = string;

export interface TrafficMember {
  deployment: string;
  track: Track;
  /** Ready pods (Ready=True, not terminating) of this deployment. */
  ready: number;
  /** How many of the ready pods run an image whose tag ends in `-bad`. */
  bad: number;
  /** How many run a `-slow` tag. */
  slow: number;
  /** Routed by a canary Ingress: gets the canary weight's share of the service's traffic. */
  canary: boolean;
  /** Selected by the service's Service (always true without one): the other colour of a blue/green pair is not. */
  routed: boolean;
}

export interface TrafficGroup {
  cluster: string;
  namespace: string;
  service: string;
  members: TrafficMember[];
  /** 0–100 when an ingress-nginx canary Ingress routes to some members. */
  canaryWeight?: number;
  /** The main Ingress the traffic comes through, when one routes to the service (ingress-nginx series). */
  ingress?: IngressRoute;
}

/** The `service` label: the deployment's `app` label, else its name (without a `-canary` suffix, which names the track). */
export function serviceNameOf(deployment: KubeObject): string {
  const app = labelsOf(deployment).app;
  if (app) return app;
  return deployment.metadata.name.replace(/-canary$/, '');
}

/** The `track` label: the deployment's `track` label, else its `version` (blue/green), else `canary` for a name ending in `-canary`. */
export function trackOf(deployment: KubeObject): Track {
  const labels = labelsOf(deployment);
  const t = labels.track;
  if (t === 'canary' || t === 'primary') return t;
  if (labels.version) return labels.version;
  return deployment.metadata.name.endsWith('-canary') ? 'canary' : 'primary';
}

export function readTopology(cluster: string, store: ObjectStore): TrafficGroup[] {
  const groups: TrafficGroup[] = [];
  const byNamespace = new Map<string, KubeObject[]>();
  for (const d of store.list('deployments')) {
    const ns = d.metadata.namespace ?? '';
    if (isGeneratedLoadNamespace(ns)) continue;
    const list = byNamespace.get(ns);
    if (list) list.push(d);
    else byNamespace.set(ns, [d]);
  }
  for (const [namespace, deployments] of byNamespace) {
    groups.push(...namespaceGroups(cluster, namespace, deployments, store));
  }
  return groups;
}

/**
 * The topology as it stands once every deployment's replicas are up (what ran before the sandbox started, for the
 * metric history): each member has spec.replicas ready pods, all -bad when its template's image is.
 */
export function steadyTopology(cluster: string, store: ObjectStore): TrafficGroup[] {
  return readTopology(cluster, store).map((g) => ({
    ...g,
    members: g.members.map((m) => {
      const d = store.get('deployments', g.namespace, m.deployment);
      const replicas = typeof d?.spec?.replicas === 'number' ? d.spec.replicas : 1;
      const template = d?.spec?.template as { spec?: { containers?: Array<{ image?: string }> } } | undefined;
      const bad = (template?.spec?.containers ?? []).some((c) => typeof c.image === 'string' && isBadImage(c.image));
      return { ...m, ready: replicas, bad: bad ? replicas : 0 };
    }),
  }));
}

function namespaceGroups(cluster: string, namespace: string, deployments: KubeObject[], store: ObjectStore): TrafficGroup[] {
  const pods = podCounts(namespace, deployments, store);
  const serviceOf = new Map(deployments.map((d) => [d.metadata.name, serviceNameOf(d)]));
  const canaryWeightOfDeployment = new Map<string, number>();

  // Canary Ingresses: their backends' deployments are the canary; main Ingresses sharing a host name the primary,
  // whose service name the canary's traffic is counted under (so `service="platform-api", track="canary"`).
  const ingresses = store.list('ingresses', namespace);
  const services = new Map(store.list('services', namespace).map((s) => [s.metadata.name, s]));
  const routedTo = (ing: KubeObject): KubeObject[] => {
    const selectors = ingressBackendServices(ing)
      .map((n) => services.get(n))
      .filter((s): s is KubeObject => s !== undefined)
      .map(serviceSelectorOf);
    return deployments.filter((d) => selectors.some((sel) => selects(sel, templateLabelsOf(d))));
  };
  const routeOf = new Map<string, IngressRoute>(); // service → its main Ingress
  const mainRoute = (ing: KubeObject, service: string): void => {
    const backend = ingressBackendServices(ing)[0];
    if (backend && !routeOf.has(service)) routeOf.set(service, { name: ing.metadata.name, host: ingressHosts(ing)[0] ?? '', service: backend });
  };
  for (const ing of ingresses) {
    const weight = canaryWeightOf(ing);
    if (weight === undefined) continue;
    const canaries = routedTo(ing);
    if (!canaries.length) continue;
    const hosts = new Set(ingressHosts(ing));
    const mainIngresses = ingresses.filter((m) => canaryWeightOf(m) === undefined && ingressHosts(m).some((h) => hosts.has(h)));
    const mains = mainIngresses.flatMap(routedTo).filter((d) => !canaries.includes(d));
    const service = mains[0] ? serviceNameOf(mains[0]) : serviceNameOf(canaries[0]);
    for (const c of canaries) {
      serviceOf.set(c.metadata.name, service);
      canaryWeightOfDeployment.set(c.metadata.name, weight);
    }
    const main = mainIngresses[0];
    const canaryService = ingressBackendServices(ing)[0];
    if (main && canaryService) {
      mainRoute(main, service);
      const r = routeOf.get(service);
      if (r) r.canaryUpstream = `${namespace}-${canaryService}-${ingressBackendPort(ing, canaryService)}`;
    }
  }
  for (const ing of ingresses) {
    if (canaryWeightOf(ing) !== undefined) continue;
    const first = routedTo(ing)[0];
    if (first) mainRoute(ing, serviceOf.get(first.metadata.name) ?? serviceNameOf(first));
  }

  const byService = new Map<string, TrafficGroup>();
  for (const d of deployments) {
    const name = d.metadata.name;
    const service = serviceOf.get(name) ?? serviceNameOf(d);
    let g = byService.get(service);
    if (!g) {
      byService.set(service, (g = { cluster, namespace, service, members: [] }));
      const route = routeOf.get(service);
      if (route) g.ingress = route;
    }
    const weight = canaryWeightOfDeployment.get(name);
    if (weight !== undefined) g.canaryWeight = weight;
    const p = pods.get(name) ?? { ready: 0, bad: 0, slow: 0 };
    // The Service named like the group routes by its selector (a blue/green switch is a selector patch).
    const svc = services.get(service);
    const selector = svc ? serviceSelectorOf(svc) : {};
    const routed = weight !== undefined || Object.keys(selector).length === 0 || selects(selector, templateLabelsOf(d));
    g.members.push({ deployment: name, track: trackOf(d), ready: p.ready, bad: p.bad, slow: p.slow, canary: weight !== undefined, routed });
  }
  return [...byService.values()];
}

/**
 * Ready and -bad pod counts per deployment. A pod belongs to the deployment owning its ReplicaSet
 * (so overlapping selectors of a primary and its canary do not double count); a pod without an
 * owner belongs to the first deployment whose selector matches it.
 */
function podCounts(namespace: string, deployments: KubeObject[], store: ObjectStore): Map<string, { ready: number; bad: number; slow: number }> {
  const deploymentByUid = new Map(deployments.map((d) => [d.metadata.uid, d.metadata.name]));
  const deploymentNames = new Set(deployments.map((d) => d.metadata.name));
  const owningDeployment = new Map<string, string>(); // ReplicaSet name → deployment name
  for (const rs of store.list('replicasets', namespace)) {
    const ref = controllerRef(rs);
    if (ref?.kind !== 'Deployment') continue;
    const owner = deploymentByUid.get(ref.uid) ?? (deploymentNames.has(ref.name) ? ref.name : undefined);
    if (owner) owningDeployment.set(rs.metadata.name, owner);
  }
  const counts = new Map<string, { ready: number; bad: number; slow: number }>();
  for (const pod of store.list('pods', namespace)) {
    if (!isPodReady(pod)) continue;
    const ref = controllerRef(pod);
    const owner = ref
      ? ref.kind === 'ReplicaSet'
        ? owningDeployment.get(ref.name)
        : undefined
      : deployments.find((d) => selects(matchLabelsOf(d), labelsOf(pod)))?.metadata.name;
    if (!owner) continue;
    const c = counts.get(owner) ?? { ready: 0, bad: 0, slow: 0 };
    c.ready++;
    const images = containerImages(pod);
    if (images.some(isBadImage)) c.bad++;
    else if (images.some(isSlowImage)) c.slow++;
    counts.set(owner, c);
  }
  return counts;
}
