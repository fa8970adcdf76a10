// The series a real ingress-nginx controller exports for the traffic it routes: requests by status and
// the request-duration histogram, labelled with the main Ingress and its Service, and `canary` set to
// the alternative upstream (`<namespace>-<canary service>-<port>`) when the canary Ingress served it.
import { addLatencies, histogramSamples, LATENCY_BUCKETS } from './latency';
import type { MetricFamily, Sample } from './metricsRegistry';
import { STATUS_CODES, type StatusCode } from './serviceProfiles';

type Labels = Readonly<Record<string, string>>;

/** Where a group's traffic enters: its main Ingress (canary upstream set when a canary Ingress shares its host). */
export interface IngressRoute {
  name: string;
  host: string;
  /** The main Ingress's backend Service. */
  service: string;
  /** ingress-nginx's alternative upstream name of the canary backend, when there is one. */
  canaryUpstream?: string;
}

interface StatusAcc {
  requestLabels: Labels;
  bucketLabels: Labels[];
  countLabels: Labels;
  requests: number;
  buckets: number[];
  sum: number;
}

const CONTROLLER = { controller_class: 'k8s.io/ingress-nginx', controller_namespace: 'ingress-nginx', controller_pod: 'ingress-nginx-controller-5c8d66c76d-x2v7q' };

export class IngressSeries {
  private readonly series = new Map<string, Record<StatusCode, StatusAcc>>();

  /** Adds `n` requests through `route` (to its canary when `canary`), split by `mix`, with a log-normal latency. */
  add(cluster: string, namespace: string, route: IngressRoute, canary: boolean, n: number, mix: Readonly<Record<StatusCode, number>>, median: number, sigma: number): void {
    if (!(n > 0)) return;
    const accs = this.accs(cluster, namespace, route, canary);
    for (const s of STATUS_CODES) {
      const k = n * mix[s];
      if (!(k > 0)) continue;
      const a = accs[s];
      a.requests += k;
      a.sum += addLatencies(a.buckets, k, median, sigma);
    }
  }

  families(): MetricFamily[] {
    const requests: Sample[] = [];
    const histogram: Sample[] = [];
    for (const accs of this.series.values()) {
      for (const s of STATUS_CODES) {
        const a = accs[s];
        requests.push({ labels: a.requestLabels, value: Math.floor(a.requests) });
        histogramSamples(histogram, a.bucketLabels, a.countLabels, a.buckets, a.requests, a.sum);
      }
    }
    return [
      { name: 'nginx_ingress_controller_requests', help: 'The total number of client requests', type: 'counter', samples: requests },
      { name: 'nginx_ingress_controller_request_duration_seconds', help: 'The request processing time in milliseconds', type: 'histogram', samples: histogram },
    ];
  }

  private accs(cluster: string, namespace: string, route: IngressRoute, canary: boolean): Record<StatusCode, StatusAcc> {
    const upstream = canary ? (route.canaryUpstream ?? '') : '';
    const key = `${cluster}\u0000${namespace}\u0000${route.name}\u0000${route.service}\u0000${upstream}`;
    let accs = this.series.get(key);
    if (!accs) {
      // Prometheus drops an empty label: requests the main backend served carry no `canary` label at all.
      const base: Record<string, string> = { cluster, ...CONTROLLER, host: route.host, ingress: route.name, method: 'GET', namespace, path: '/', service: route.service };
      if (upstream) base.canary = upstream;
      const make = (status: StatusCode): StatusAcc => {
        const labels = { ...base, status };
        return {
          requestLabels: labels,
          countLabels: labels,
          bucketLabels: [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) => ({ ...labels, le })),
          requests: 0,
          buckets: LATENCY_BUCKETS.map(() => 0),
          sum: 0,
        };
      };
      accs = { '200': make('200'), '201': make('201'), '404': make('404'), '500': make('500'), '503': make('503') };
      this.series.set(key, accs);
    }
    return accs;
  }
}
