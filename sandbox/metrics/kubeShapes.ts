// Typed reads of the fields the exporter needs from plain-JSON Kubernetes objects (deployments, pods, services, ingresses).
import type { KubeObject } from '../kube/store/types';

type Json = Record<string, unknown>;

function rec(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v) ?? {})) if (typeof x === 'string') out[k] = x;
  return out;
}

/**
 * The benchmarks' generated namespaces (load-0001 …, sandbox/kube/seed/loadSeed.ts). Their 10,000 idle echo services
 * get no traffic or container-usage series: at 200x50 those were 330,000 series (40 MB) per scrape, which the
 * sandbox's two cores cannot serve and ingest while a benchmark measures the cockpit. Their kube-state series stay.
 */
export function isGeneratedLoadNamespace(namespace: string | undefined): boolean {
  return (namespace ?? '').startsWith('load-');
}

export function labelsOf(o: KubeObject): Record<string, string> {
  return o.metadata.labels ?? {};
}

/** `spec.selector.matchLabels` of a deployment or ReplicaSet (matchExpressions are not used by the seed). */
export function matchLabelsOf(o: KubeObject): Record<string, string> {
  return strMap(rec(o.spec?.selector)?.matchLabels);
}

/** The labels a deployment stamps on its pods (what a Service selector is matched against). */
export function templateLabelsOf(deployment: KubeObject): Record<string, string> {
  return strMap(rec(rec(deployment.spec?.template)?.metadata)?.labels);
}

/** A Service's `spec.selector`; an empty map means "selects nothing" (as for Services without selectors). */
export function serviceSelectorOf(service: KubeObject): Record<string, string> {
  return strMap(service.spec?.selector);
}

/** Every key of `selector` is present in `labels` with the same value; an empty selector matches nothing here. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

export function controllerRef(o: KubeObject): { kind: string; name: string; uid: string } | undefined {
  const refs = o.metadata.ownerReferences ?? [];
  return refs.find((r) => r.controller) ?? refs[0];
}

/** Ready=True and not being deleted: the only pods an endpoint (and so traffic) would reach. */
export function isPodReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  return arr(pod.status?.conditions).some((c) => rec(c)?.type === 'Ready' && rec(c)?.status === 'True');
}

export function containerImages(pod: KubeObject): string[] {
  return arr(pod.spec?.containers)
    .map((c) => rec(c)?.image)
    .filter((i): i is string => typeof i === 'string');
}

/** The tag of an image reference ("reg:5000/team/app:v1.2-bad@sha256:…" → "v1.2-bad"; none → "latest"). */
export function imageTag(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const lastSegment = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : 'latest';
}

/** The sandbox's convention for a broken build: a tag ending in `-bad`. */
export function isBadImage(image: string): boolean {
  return imageTag(image).endsWith('-bad');
}

/** A slow build: a tag ending in `-slow` answers correctly but ~3× slower (breaks only a latency gate). */
export function isSlowImage(image: string): boolean {
  return imageTag(image).endsWith('-slow');
}

export function containerRestarts(pod: KubeObject): { container: string; restarts: number }[] {
  return arr(pod.status?.containerStatuses)
    .map(rec)
    .filter((s): s is Json => s !== undefined && typeof s.name === 'string')
    .map((s) => ({ container: s.name as string, restarts: typeof s.restartCount === 'number' ? s.restartCount : 0 }));
}

export function numberField(o: Json | undefined, key: string): number {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
export const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';

/** The canary weight (0–100) of an ingress-nginx canary Ingress, or undefined for a main Ingress. */
export function canaryWeightOf(ingress: KubeObject): number | undefined {
  const a = ingress.metadata.annotations ?? {};
  if (a[CANARY_ANNOTATION]?.trim().toLowerCase() !== 'true') return undefined;
  const w = Number.parseFloat(a[CANARY_WEIGHT_ANNOTATION] ?? '0');
  return Number.isFinite(w) ? Math.min(100, Math.max(0, w)) : 0;
}

/** The port an Ingress routes to on `service` (number, or 80 when named or missing). */
export function ingressBackendPort(ingress: KubeObject, service: string): number {
  const ports: number[] = [];
  const add = (backend: unknown): void => {
    const b = rec(backend);
    const svc = rec(b?.service);
    if ((svc?.name ?? b?.serviceName) !== service) return;
    const n = rec(svc?.port)?.number ?? b?.servicePort;
    if (typeof n === 'number') ports.push(n);
  };
  add(ingress.spec?.defaultBackend ?? ingress.spec?.backend);
  for (const r of arr(ingress.spec?.rules)) for (const p of arr(rec(rec(r)?.http)?.paths)) add(rec(p)?.backend);
  return ports[0] ?? 80;
}

/** Hosts of an Ingress's rules ('' for a rule without host). */
export function ingressHosts(ingress: KubeObject): string[] {
  const rules = arr(ingress.spec?.rules).map(rec);
  return rules.length ? rules.map((r) => (typeof r?.host === 'string' ? r.host : '')) : [''];
}

/** Names of the Services an Ingress routes to (networking.k8s.io/v1 and the older v1beta1 shape). */
export function ingressBackendServices(ingress: KubeObject): string[] {
  const names = new Set<string>();
  const add = (backend: unknown): void => {
    const b = rec(backend);
    const name = rec(b?.service)?.name ?? b?.serviceName;
    if (typeof name === 'string') names.add(name);
  };
  add(ingress.spec?.defaultBackend ?? ingress.spec?.backend);
  for (const r of arr(ingress.spec?.rules)) {
    for (const p of arr(rec(rec(r)?.http)?.paths)) add(rec(p)?.backend);
  }
  return [...names];
}
