// The ingress-nginx canary beside a deployment, decided before anything is sent: `<name>-canary`
// (the primary's template with the new image and track=canary), its Service and a canary Ingress on
// the main Ingress's host with canary-weight 0 — or why it cannot be done here. Pure.
import type { V1Deployment, V1Ingress, V1Service } from '@kubernetes/client-node';
import { CANARY_OF_LABEL, decodeState, isActive, STATE_ANNOTATION } from './rolloutState';

export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
export const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';

const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE = new RegExp(`^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);

/** Why an image reference is not one (undefined when it is): what Docker and the kubelet would reject. */
export function imageProblem(image: string): string | undefined {
  const t = image.trim();
  if (!t) return 'an image reference is required (registry/repository:tag)';
  if (/\s/.test(t)) return 'an image reference has no spaces';
  if (!IMAGE.test(t)) return `"${t}" is not an image reference (registry/repository:tag, lower-case repository)`;
  if (!t.includes(':', t.lastIndexOf('/')) && !t.includes('@')) return `"${t}" has no tag: pin one (…:1.9.0) so the canary runs what you tested`;
  return undefined;
}

export const canaryName = (primary: string): string => `${primary}-canary`;

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector ?? {});
  return keys.length > 0 && keys.every((k) => labels[k] === selector?.[k]);
}

export interface Route {
  service: V1Service;
  ingress: V1Ingress;
  port: number;
}

/** The Service selecting the primary's pods (its own name first) and a main (non-canary) Ingress routing to it. */
export function findRoute(primary: V1Deployment, services: readonly V1Service[], ingresses: readonly V1Ingress[]): Route | { refused: string } {
  const name = primary.metadata?.name ?? '';
  const podLabels = primary.spec?.template?.metadata?.labels ?? {};
  const candidates = services.filter((s) => selects(s.spec?.selector, podLabels) && s.metadata?.name !== canaryName(name));
  candidates.sort((a, b) => Number(b.metadata?.name === name) - Number(a.metadata?.name === name));
  if (!candidates.length) return { refused: `no Service selects the pods of ${name}: an ingress-nginx canary needs the Service its Ingress routes to` };
  for (const service of candidates) {
    const svc = service.metadata?.name ?? '';
    for (const ingress of ingresses) {
      if (ingress.metadata?.annotations?.[CANARY_ANNOTATION] === 'true') continue;
      const port = backendPort(ingress, svc);
      if (port !== undefined) return { service, ingress, port };
    }
  }
  return { refused: `no Ingress routes to ${candidates.map((s) => s.metadata?.name).join(' or ')}: an ingress-nginx canary is a second Ingress on the same host` };
}

function backendPort(ingress: V1Ingress, service: string): number | undefined {
  const backends = [ingress.spec?.defaultBackend, ...(ingress.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))];
  for (const b of backends) if (b?.service?.name === service) return b.service.port?.number ?? 80;
  return undefined;
}

export interface CanaryPlanInput {
  primary: V1Deployment;
  container: string;
  image: string;
  replicas: number;
  route: Route;
  /** What exists already under the canary's names. */
  existing: { deployment?: V1Deployment; service?: V1Service; ingress?: V1Ingress };
}

export interface CanaryObjectsPlan {
  /** Create, or patch (adopt) — with the body to send. */
  deployment: { create: V1Deployment } | { adopt: V1Deployment };
  service: { create: V1Service } | { adopt: V1Service };
  ingress: { create: V1Ingress } | { adopt: V1Ingress };
  labels: Record<string, string>;
}

/** The canary's objects, or why the canary cannot start. */
export function planCanaryObjects(input: CanaryPlanInput): CanaryObjectsPlan | { refused: string } {
  const { primary, container, image, replicas, route, existing } = input;
  const name = primary.metadata?.name ?? '';
  const ns = primary.metadata?.namespace ?? '';
  const cName = canaryName(name);
  const problem = imageProblem(image);
  if (problem) return { refused: problem };
  const template = primary.spec?.template;
  const containers = template?.spec?.containers ?? [];
  const c = containers.find((x) => x.name === container);
  if (!c) return { refused: `${name} has no container "${container}" (it has ${containers.map((x) => x.name).join(', ')})` };
  if (c.image === image.trim()) return { refused: `${name} already runs ${image.trim()}: a canary needs a different image` };
  const labels = { ...(template?.metadata?.labels ?? {}), track: 'canary' };
  if (selects(primary.spec?.selector?.matchLabels, labels)) {
    return { refused: `the selector of ${name} (${fmt(primary.spec?.selector?.matchLabels)}) would also select the canary's pods: give it a track=primary label first` };
  }
  if (selects(route.service.spec?.selector, labels)) {
    return { refused: `Service ${route.service.metadata?.name} (${fmt(route.service.spec?.selector)}) would send traffic to the canary beyond its weight: select track=primary in it first` };
  }
  if (existing.deployment) {
    const st = existing.deployment.metadata?.annotations?.[STATE_ANNOTATION];
    const decoded = decodeState(st);
    if (decoded.ok && isActive(decoded.state.status)) return { refused: `a canary of ${name} is already ${decoded.state.status} (${decoded.state.target.image})` };
    if (st && !decoded.ok) return { refused: `${cName} carries a rollout state the cockpit cannot read (${decoded.why}): look at it before starting another` };
    if (!selects(existing.deployment.spec?.selector?.matchLabels, labels)) {
      return { refused: `${cName} exists with a selector (${fmt(existing.deployment.spec?.selector?.matchLabels)}) that does not select the canary's labels (${fmt(labels)})` };
    }
  }
  if (existing.ingress && existing.ingress.metadata?.annotations?.[CANARY_ANNOTATION] !== 'true') {
    return { refused: `Ingress ${cName} exists and is not an ingress-nginx canary: rename it or mark it canary` };
  }
  const marker = { [CANARY_OF_LABEL]: name };
  const newTemplate = structuredClone(template ?? {});
  newTemplate.metadata = { ...(newTemplate.metadata ?? {}), labels };
  newTemplate.spec = { ...newTemplate.spec, containers: containers.map((x) => (x.name === container ? { ...x, image: image.trim() } : x)) };
  const deploymentBody: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: cName, namespace: ns, labels: { ...(primary.metadata?.labels ?? {}), track: 'canary', ...marker } },
    spec: {
      replicas,
      selector: existing.deployment?.spec?.selector ?? { matchLabels: labels },
      template: newTemplate,
      ...(primary.spec?.strategy ? { strategy: primary.spec.strategy } : {}),
      ...(primary.spec?.progressDeadlineSeconds ? { progressDeadlineSeconds: primary.spec.progressDeadlineSeconds } : {}),
    },
  };
  const svc = route.service;
  const serviceBody: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: cName, namespace: ns, labels: { ...(svc.metadata?.labels ?? {}), track: 'canary', ...marker } },
    spec: { type: 'ClusterIP', selector: labels, ports: (svc.spec?.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}), protocol: p.protocol ?? 'TCP' })) },
  };
  const ing = route.ingress;
  const ingressBody: V1Ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: cName,
      namespace: ns,
      labels: { ...(ing.metadata?.labels ?? {}), track: 'canary', ...marker },
      annotations: { [CANARY_ANNOTATION]: 'true', [CANARY_WEIGHT_ANNOTATION]: '0' },
    },
    spec: {
      ...(ing.spec?.ingressClassName ? { ingressClassName: ing.spec.ingressClassName } : {}),
      ...(ing.spec?.tls ? { tls: ing.spec.tls } : {}),
      rules: (ing.spec?.rules ?? []).map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: { paths: (r.http?.paths ?? []).map((p) => ({ path: p.path ?? '/', pathType: p.pathType ?? 'Prefix', backend: { service: { name: cName, port: { number: route.port } } } })) },
      })),
    },
  };
  return {
    deployment: existing.deployment ? { adopt: deploymentBody } : { create: deploymentBody },
    service: existing.service ? { adopt: serviceBody } : { create: serviceBody },
    ingress: existing.ingress ? { adopt: ingressBody } : { create: ingressBody },
    labels,
  };
}

function fmt(m: Record<string, string> | undefined): string {
  return Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The primary's template after promotion: the canary's, with the primary's own pod labels back. */
export function promotedTemplate(primary: V1Deployment, canary: V1Deployment): NonNullable<V1Deployment['spec']>['template'] {
  const t = structuredClone(canary.spec?.template ?? {});
  t.metadata = { ...(t.metadata ?? {}), labels: { ...(primary.spec?.template?.metadata?.labels ?? {}) } };
  return t;
}
