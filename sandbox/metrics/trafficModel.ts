// Integrates each service's request rate over time into monotonic counters and a latency histogram per service and track.
import { IngressSeries } from './ingressSeries';
import { addLatencies, histogramSamples, LATENCY_BUCKETS } from './latency';
import type { MetricFamily, Sample } from './metricsRegistry';
import { BAD_LATENCY_FACTOR, BAD_MIX, HEALTHY_MIX, resolveProfiles, SLOW_LATENCY_FACTOR, STATUS_CODES, type ServiceProfile, type StatusCode } from './serviceProfiles';
import type { TrafficGroup, TrafficMember } from './trafficTopology';

export { normalCdf } from './latency';

export interface TrafficModelOptions {
  /** Per-service overrides of rate/latency, merged onto DEFAULT_PROFILES. */
  profiles?: Readonly<Record<string, Partial<ServiceProfile>>>;
  /** For services without a profile. */
  fallbackProfile?: ServiceProfile;
  /** Relative amplitude of the slow wobble on rates and latencies (default 0.08; 0 makes the model exact for tests). */
  noise?: number;
  /**
   * Names of the latency histogram. The guides query both `request_duration_seconds` and
   * `http_request_duration_seconds`, so both are exported unless told otherwise.
   */
  histogramNames?: readonly string[];
  /**
   * Multiplies every rate: with the cockpit's rollout plans time-scaled by 1/N, traffic arrives N
   * times as fast, so a scaled query window holds as many requests as the real one would (default 1).
   */
  rateScale?: number;
}

type Labels = Readonly<Record<string, string>>;

interface SeriesAcc {
  labels: Labels;
  /** Label objects made once per series and reused on every scrape (the renderer caches their text). */
  statusLabels: Record<StatusCode, Labels>;
  bucketLabels: Labels[];
  statuses: Record<StatusCode, number>;
  /** Cumulative counts per LATENCY_BUCKETS bound (le), as floats; rendered floored. */
  buckets: number[];
  count: number;
  sum: number;
}

/** One deployment's share of its service's traffic, in requests per second. */
export interface MemberRate {
  member: TrafficMember;
  rate: number;
}

export class TrafficModel {
  private readonly series = new Map<string, SeriesAcc>();
  private readonly profileOf: (service: string) => ServiceProfile;
  private readonly noise: number;
  private readonly histogramNames: readonly string[];
  private readonly rateScale: number;
  private readonly ingress = new IngressSeries();

  constructor(opts: TrafficModelOptions = {}) {
    this.profileOf = resolveProfiles(opts.profiles, opts.fallbackProfile);
    this.noise = opts.noise ?? 0.08;
    this.histogramNames = opts.histogramNames ?? ['request_duration_seconds', 'http_request_duration_seconds'];
    this.rateScale = opts.rateScale ?? 1;
  }

  /** Adds `dtSeconds` of traffic, as served by `groups`, at wall time `nowMs` (which only drives the noise). */
  advance(groups: readonly TrafficGroup[], dtSeconds: number, nowMs: number): void {
    if (!(dtSeconds > 0)) return;
    for (const g of groups) {
      const profile = this.profileOf(g.service);
      const key = `${g.cluster}/${g.namespace}/${g.service}`;
      const rate = profile.rate * this.rateScale * this.wobble(key, nowMs / 1000, 0);
      const median = profile.medianSeconds * this.wobble(key, nowMs / 1000, 1);
      const served = [...splitTraffic(g, rate).map((m) => ({ ...m, viaIngress: true })), ...smokeTraffic(g, rate).map((m) => ({ ...m, viaIngress: false }))];
      for (const { member, rate: r, viaIngress } of served) {
        const acc = this.acc(g, member.track);
        const n = r * dtSeconds;
        // Ready pods split into healthy, -slow and -bad ones; each kind answers with its own mix and latency.
        const kinds: [number, Readonly<Record<StatusCode, number>>, number][] = [
          [(member.ready - member.bad - member.slow) / member.ready, HEALTHY_MIX, median],
          [member.slow / member.ready, HEALTHY_MIX, median * SLOW_LATENCY_FACTOR],
          [member.bad / member.ready, BAD_MIX, median * BAD_LATENCY_FACTOR],
        ];
        for (const [share, mix, m] of kinds) {
          if (!(share > 0)) continue;
          addRequests(acc, n * share, mix, m, profile.sigma);
          if (g.ingress && viaIngress) this.ingress.add(g.cluster, g.namespace, g.ingress, member.canary, n * share, mix, m, profile.sigma);
        }
      }
    }
  }

  /** Adds another model's counts (a history run ahead of this one) to this one's, so counters continue from them. */
  absorb(other: TrafficModel): void {
    for (const [key, o] of other.series) {
      const acc = this.series.get(key);
      if (!acc) {
        this.series.set(key, { ...o, statuses: { ...o.statuses }, buckets: [...o.buckets] });
        continue;
      }
      for (const s of STATUS_CODES) acc.statuses[s] += o.statuses[s];
      o.buckets.forEach((b, i) => (acc.buckets[i] = (acc.buckets[i] ?? 0) + b));
      acc.count += o.count;
      acc.sum += o.sum;
    }
  }

  families(): MetricFamily[] {
    const requests: Sample[] = [];
    const histogram: Sample[] = [];
    for (const acc of this.series.values()) {
      for (const status of STATUS_CODES) requests.push({ labels: acc.statusLabels[status], value: Math.floor(acc.statuses[status]) });
      histogramSamples(histogram, acc.bucketLabels, acc.labels, acc.buckets, acc.count, acc.sum);
    }
    return [
      { name: 'http_requests_total', help: 'HTTP requests served, by service, track (primary/canary) and status code.', type: 'counter', samples: requests },
      ...this.histogramNames.map((name): MetricFamily => ({
        name,
        help: 'HTTP request latency in seconds, by service and track.',
        type: 'histogram',
        samples: histogram,
      })),
      ...this.ingress.families(),
    ];
  }

  private acc(g: TrafficGroup, track: string): SeriesAcc {
    const key = `${g.cluster}\u0000${g.namespace}\u0000${g.service}\u0000${track}`;
    let acc = this.series.get(key);
    if (!acc) {
      const labels: Labels = { cluster: g.cluster, namespace: g.namespace, service: g.service, track };
      const statusLabels: Record<StatusCode, Labels> = { '200': {}, '201': {}, '404': {}, '500': {}, '503': {} };
      for (const status of STATUS_CODES) statusLabels[status] = { ...labels, status };
      acc = {
        labels,
        statusLabels,
        bucketLabels: [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) => ({ ...labels, le })),
        statuses: { '200': 0, '201': 0, '404': 0, '500': 0, '503': 0 },
        buckets: LATENCY_BUCKETS.map(() => 0),
        count: 0,
        sum: 0,
      };
      this.series.set(key, acc);
    }
    return acc;
  }

  /** A smooth multiplier around 1 (three slow sines with phases from the key) so graphs look alive but stay predictable. */
  private wobble(key: string, t: number, channel: number): number {
    if (this.noise === 0) return 1;
    const phase = hash(`${key}#${channel}`);
    const amp = channel === 0 ? this.noise : this.noise / 2;
    const w = 0.5 * Math.sin((2 * Math.PI * t) / 41 + phase) + 0.3 * Math.sin((2 * Math.PI * t) / 13 + phase * 2) + 0.2 * Math.sin((2 * Math.PI * t) / 4.7 + phase * 3);
    return 1 + amp * w;
  }
}

/**
 * Splits a service's `rate` among its deployments. Only deployments with ready pods get any. With a
 * canary Ingress, the canary side gets `canaryWeight` % and the primary side the rest — unless one
 * side has no ready pods, when the other takes everything (ingress-nginx falls back to the main
 * backend). Within a side, traffic follows ready pods, like endpoints behind a Service.
 */
export function splitTraffic(g: TrafficGroup, rate: number): MemberRate[] {
  // A deployment its Service does not select (the idle colour of a blue/green pair) gets nothing.
  const serving = g.members.filter((m) => m.ready > 0 && m.routed);
  if (!serving.length || rate <= 0) return [];
  const canaries = serving.filter((m) => m.canary);
  const mains = serving.filter((m) => !m.canary);
  const byPods = (members: TrafficMember[], total: number): MemberRate[] => {
    const pods = members.reduce((s, m) => s + m.ready, 0);
    return members.map((member) => ({ member, rate: (total * member.ready) / pods }));
  };
  if (g.canaryWeight === undefined || !canaries.length || !mains.length) return byPods(serving, rate);
  const canaryRate = (rate * g.canaryWeight) / 100;
  return [...byPods(canaries, canaryRate), ...byPods(mains, rate - canaryRate)].filter((m) => m.rate > 0);
}

/** The idle colour's smoke traffic: this share of its service's rate (5 %: ~2 requests/s for api-gateway). */
export const SMOKE_SHARE = 0.05;

/**
 * The idle colour of a blue/green pair (ready, its Service not selecting it) is not silent: its own Service takes
 * smoke tests (guide 000: deploy green, run its checks, then switch), a small share of the service's rate that
 * never passes the Ingress. So green has metrics of its own before it takes the traffic, as on a real cluster.
 */
export function smokeTraffic(g: TrafficGroup, rate: number): MemberRate[] {
  const idle = g.members.filter((m) => m.ready > 0 && !m.routed && !m.canary);
  if (!idle.length || !g.members.some((m) => m.routed) || rate <= 0) return [];
  return idle.map((member) => ({ member, rate: (rate * SMOKE_SHARE) / idle.length }));
}

function addRequests(acc: SeriesAcc, n: number, mix: Readonly<Record<StatusCode, number>>, median: number, sigma: number): void {
  if (!(n > 0)) return;
  for (const s of STATUS_CODES) acc.statuses[s] += n * mix[s];
  acc.sum += addLatencies(acc.buckets, n, median, sigma);
  acc.count += n;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) / 2 ** 32) * 2 * Math.PI;
}
