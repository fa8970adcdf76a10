// The PromQL of the Service Health panel: golden signals (guide 000: traffic, errors, latency, saturation) for a
// service or a whole namespace, the SLIs over the SLO window, burn rates over the alert windows, and firing alerts.
import { promDuration, promString } from '../metrics/rangeSeries';

export interface HealthScope {
  namespace: string;
  /** The `service` label (a deployment's app label); absent: every service of the namespace. */
  service?: string;
  /** The deployment whose pods' CPU and memory are shown (absent: every deployment of the namespace). */
  deployment?: string;
  /** The `cluster` label value when Prometheus holds several clusters (absent: no cluster filter). */
  cluster?: string;
}

const REQUESTS = 'http_requests_total';
const BUCKETS = 'http_request_duration_seconds_bucket';

/** `{cluster="…",namespace="…",service="…"}` plus extra matchers. */
export function selector(s: HealthScope, extra: string[] = [], withService = true): string {
  const m = [...(s.cluster !== undefined ? [`cluster="${promString(s.cluster)}"`] : []), `namespace="${promString(s.namespace)}"`, ...(withService && s.service ? [`service="${promString(s.service)}"`] : []), ...extra];
  return `{${m.join(',')}}`;
}

/** Pods of a deployment: <deployment>-<pod-template-hash>-<suffix> (a canary "<name>-canary-…" does not match "<name>"). */
export function podMatcher(deployment: string): string {
  return `pod=~"${deployment.replace(/[^a-z0-9-]/g, '')}-[a-z0-9]+-[a-z0-9]+"`;
}

/** A rate window that holds several samples whatever the step (history is at 60 s, live scrapes at seconds). */
export function rateWindowSeconds(stepSeconds: number): number {
  return Math.max(120, 4 * stepSeconds);
}

function by(s: HealthScope): string {
  return s.service ? '' : ' by (service)';
}

export function goldenQueries(s: HealthScope, rateWindow: number) {
  const w = promDuration(rateWindow);
  const grp = by(s);
  const podScope = selector(s, ['container!=""', ...(s.deployment ? [podMatcher(s.deployment)] : [])], false);
  // Namespace view: CPU and memory per deployment, from the pod names.
  const perDeployment = (expr: string) => (s.deployment ? `sum(${expr})` : `sum by (deployment) (label_replace(${expr}, "deployment", "$1", "pod", "(.+)-[a-z0-9]+-[a-z0-9]+"))`);
  return {
    rate: `sum${grp} (rate(${REQUESTS}${selector(s)}[${w}]))`,
    errorRatio: `sum${grp} (rate(${REQUESTS}${selector(s, ['status=~"5.."'])}[${w}])) / sum${grp} (rate(${REQUESTS}${selector(s)}[${w}]))`,
    p95: `histogram_quantile(0.95, sum by (${s.service ? '' : 'service, '}le) (rate(${BUCKETS}${selector(s)}[${w}])))`,
    p99: `histogram_quantile(0.99, sum by (${s.service ? '' : 'service, '}le) (rate(${BUCKETS}${selector(s)}[${w}])))`,
    cpu: perDeployment(`rate(container_cpu_usage_seconds_total${podScope}[${w}])`),
    memory: perDeployment(`container_memory_working_set_bytes${podScope}`),
    cpuRequest: perDeployment(`kube_pod_container_resource_requests${selector(s, ['resource="cpu"', ...(s.deployment ? [podMatcher(s.deployment)] : [])], false)}`),
    cpuLimit: perDeployment(`kube_pod_container_resource_limits${selector(s, ['resource="cpu"', ...(s.deployment ? [podMatcher(s.deployment)] : [])], false)}`),
    memoryRequest: perDeployment(`kube_pod_container_resource_requests${selector(s, ['resource="memory"', ...(s.deployment ? [podMatcher(s.deployment)] : [])], false)}`),
    memoryLimit: perDeployment(`kube_pod_container_resource_limits${selector(s, ['resource="memory"', ...(s.deployment ? [podMatcher(s.deployment)] : [])], false)}`),
  };
}

export function sliQueries(s: HealthScope, windowDays: number) {
  const w = `${windowDays}d`;
  const grp = by(s);
  return {
    total: `sum${grp} (increase(${REQUESTS}${selector(s)}[${w}]))`,
    errors: `sum${grp} (increase(${REQUESTS}${selector(s, ['status=~"5.."'])}[${w}]))`,
    buckets: `sum by (${s.service ? '' : 'service, '}le) (increase(${BUCKETS}${selector(s)}[${w}]))`,
    /** The earliest time (at 5-minute resolution) with traffic data in the window: how much of it is measured. */
    since: `min${grp} (min_over_time(timestamp(sum${grp} (${REQUESTS}${selector(s)}))[${w}:5m]))`,
  };
}

/** The availability burn rate over `windowSeconds`: the 5xx share over the budget. */
export function availabilityBurnQuery(s: HealthScope, windowSeconds: number, budget: number): string {
  const w = promDuration(windowSeconds);
  const grp = by(s);
  return `(sum${grp} (rate(${REQUESTS}${selector(s, ['status=~"5.."'])}[${w}])) / sum${grp} (rate(${REQUESTS}${selector(s)}[${w}]))) / ${budget}`;
}

/** The latency burn rate: the share slower than the threshold (interpolated inside its bucket) over the budget. */
export function latencyBurnQuery(s: HealthScope, windowSeconds: number, budget: number, bounds: { lo: string; hi: string; fraction: number }): string {
  const w = promDuration(windowSeconds);
  const b = (le: string) => `sum(rate(${BUCKETS}${selector(s, [`le="${promString(le)}"`])}[${w}]))`;
  const good = bounds.lo === bounds.hi ? b(bounds.lo) : bounds.lo === '' ? `(${b(bounds.hi)} * ${bounds.fraction})` : `(${b(bounds.lo)} + (${b(bounds.hi)} - ${b(bounds.lo)}) * ${bounds.fraction})`;
  return `(1 - ${good} / ${b('+Inf')}) / ${budget}`;
}

/**
 * The bucket bounds around a latency threshold, from the `le` values the histogram has ("0.1", "0.25", "+Inf"): the
 * largest at or under it, the smallest at or over it, and how far between them it lies. Undefined without buckets.
 */
export function bucketBounds(les: readonly string[], thresholdSeconds: number): { lo: string; hi: string; fraction: number } | undefined {
  const parsed = les.map((le) => ({ le, v: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le) })).filter((b) => !Number.isNaN(b.v)).sort((a, b) => a.v - b.v);
  if (!parsed.length) return undefined;
  const exact = parsed.find((b) => b.v === thresholdSeconds);
  if (exact) return { lo: exact.le, hi: exact.le, fraction: 0 };
  const hi = parsed.find((b) => b.v > thresholdSeconds);
  const lo = [...parsed].reverse().find((b) => b.v < thresholdSeconds);
  // Above every finite bucket: only what the largest one holds is known to be fast enough.
  if (!hi || hi.v === Number.POSITIVE_INFINITY) return lo ? { lo: lo.le, hi: lo.le, fraction: 0 } : undefined;
  const loV = lo?.v ?? 0;
  // lo "" is zero: under the smallest bucket the share grows from nothing.
  return { lo: lo?.le ?? '', hi: hi.le, fraction: Math.round(((thresholdSeconds - loV) / (hi.v - loV)) * 1e6) / 1e6 };
}

/** Budget remaining over time (availability), as a percentage of the budget. */
export function budgetRemainingQuery(s: HealthScope, windowDays: number, budget: number): string {
  const w = `${windowDays}d`;
  return `100 * (1 - (sum(increase(${REQUESTS}${selector(s, ['status=~"5.."'])}[${w}])) / sum(increase(${REQUESTS}${selector(s)}[${w}]))) / ${budget})`;
}

/** Firing alerts about the scope, as Prometheus records them (one series per alert while it fires): the service's, and its pods'. */
export function alertsQuery(s: HealthScope): string {
  const service = `ALERTS${selector(s, ['alertstate="firing"'])}`;
  return s.deployment ? `${service} or ALERTS${selector(s, ['alertstate="firing"', podMatcher(s.deployment)], false)}` : service;
}
