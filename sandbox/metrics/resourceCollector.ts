// Saturation metrics as a real cluster exports them: cAdvisor's container_cpu_usage_seconds_total and
// container_memory_working_set_bytes per container of every running pod (CPU follows the pod's share of its service's
// traffic; a -bad image burns twice the CPU), and kube-state-metrics' resource requests and limits from the pod specs.
import type { ContainerUsageSample } from '../kube/metrics/usageSource';
import type { KubeObject } from '../kube/store/types';
import { containerImages, isBadImage, isGeneratedLoadNamespace, isPodReady, labelsOf } from './kubeShapes';
import type { MetricFamily, MetricsCollector, Sample } from './metricsRegistry';
import { resolveProfiles } from './serviceProfiles';
import type { ClusterSource } from './trafficCollector';
import { splitTraffic } from './trafficModel';
import type { TrafficGroup } from './trafficTopology';

/** CPU cores a pod uses per request per second it serves, on top of its idle use. */
const CORES_PER_RPS = 0.0025;
const IDLE_CORES = 0.02;
const DATABASE_CORES = 0.06;
const MIB = 1024 * 1024;

interface ContainerUsage {
  labels: Readonly<Record<string, string>>;
  /** Label objects made once (the text renderer caches each object's rendering). */
  resourceLabels: Record<'cpu' | 'memory', Readonly<Record<string, string>>>;
  cpuSeconds: number;
}

type Topology = (cluster: string) => TrafficGroup[];

/** A quantity of Kubernetes ("100m", "1", "256Mi", "1Gi") as a number (cores or bytes). */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  const factor: Record<string, number> = { '': 1, m: 1e-3, Ki: 1024, Mi: MIB, Gi: 1024 * MIB, Ti: 1024 * 1024 * MIB, k: 1e3, M: 1e6, G: 1e9 };
  return n * (factor[unit] ?? 1);
}

interface PodContainer {
  namespace: string;
  pod: string;
  container: string;
  deployment: string;
  resources: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  bad: boolean;
  database: boolean;
}

function containersOf(pod: KubeObject): PodContainer[] {
  const spec = pod.spec as { containers?: Array<{ name?: string; image?: string; resources?: PodContainer['resources'] }> } | undefined;
  // <deployment>-<pod-template-hash>-<suffix>
  const deployment = pod.metadata.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '');
  const bad = containerImages(pod).some(isBadImage);
  return (spec?.containers ?? []).map((c) => ({
    namespace: pod.metadata.namespace ?? '',
    pod: pod.metadata.name,
    container: c.name ?? '',
    deployment,
    resources: c.resources ?? {},
    bad,
    database: labelsOf(pod).app === 'postgres' || /postgres/.test(c.image ?? ''),
  }));
}

export class ResourceCollector implements MetricsCollector {
  readonly id = 'resources';
  private readonly usage = new Map<string, ContainerUsage>();
  private lastMs: number;
  private readonly profileOf = resolveProfiles();

  constructor(
    private readonly clusters: () => readonly ClusterSource[],
    private readonly topology: Topology,
    private readonly now: () => number = Date.now,
  ) {
    this.lastMs = now();
  }

  /** Cores a container uses at `tMs`: idle plus its pod's share of the service's requests, with a slow wobble. */
  private cores(c: PodContainer, rps: number, tMs: number): number {
    const base = c.database ? DATABASE_CORES : IDLE_CORES + rps * CORES_PER_RPS;
    const wobble = 1 + 0.12 * Math.sin(tMs / 37_000 + c.pod.length) + 0.05 * Math.sin(tMs / 9_000 + c.container.length);
    return base * wobble * (c.bad ? 2 : 1);
  }

  private memory(c: PodContainer, rps: number, tMs: number): number {
    // A quarter MiB per request/s: platform-api's pods (~125 req/s each) sit near 160 MiB of their 512 Mi limit.
    const base = c.database ? 300 * MIB : 130 * MIB + rps * 0.25 * MIB;
    return Math.round(base * (1 + 0.06 * Math.sin(tMs / 53_000 + c.pod.length)) * (c.bad ? 1.4 : 1));
  }

  /** Requests per second each deployment's pods serve, per pod. */
  private rpsPerPod(cluster: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const g of this.topology(cluster)) {
      for (const { member, rate } of splitTraffic(g, this.profileOf(g.service).rate)) out.set(`${g.namespace}/${member.deployment}`, member.ready ? rate / member.ready : 0);
    }
    return out;
  }

  /** The platform's containers; the generated benchmark namespaces (load-NNNN) are left out to keep scrapes small. */
  private containers(source: ClusterSource, running: boolean): PodContainer[] {
    return source.store
      .list('pods')
      .filter((p) => !isGeneratedLoadNamespace(p.metadata.namespace) && (!running || isPodReady(p)))
      .flatMap(containersOf);
  }

  private key(cluster: string, c: PodContainer): string {
    return `${cluster}/${c.namespace}/${c.pod}/${c.container}`;
  }

  /** Containers and their pods' request rates per cluster, read once per scrape (or once for a whole history). */
  private snapshot(onlyReady: boolean): Array<{ source: ClusterSource; rps: Map<string, number>; containers: PodContainer[] }> {
    return this.clusters().map((source) => ({ source, rps: this.rpsPerPod(source.name), containers: this.containers(source, onlyReady) }));
  }

  private advance(tMs: number, dtSeconds: number, snap: ReturnType<ResourceCollector['snapshot']>): void {
    for (const { source, rps, containers } of snap) {
      for (const c of containers) {
        const key = this.key(source.name, c);
        let u = this.usage.get(key);
        if (!u) {
          const labels = { cluster: source.name, namespace: c.namespace, pod: c.pod, container: c.container };
          u = { labels, resourceLabels: { cpu: { ...labels, resource: 'cpu', unit: 'core' }, memory: { ...labels, resource: 'memory', unit: 'byte' } }, cpuSeconds: 0 };
          this.usage.set(key, u);
        }
        u.cpuSeconds += this.cores(c, rps.get(`${c.namespace}/${c.deployment}`) ?? 0, tMs) * dtSeconds;
      }
    }
  }

  /** What metrics-server would report for `cluster` at `tMs`: each ready container's cores and working set. */
  usageAt(cluster: string, tMs: number): ContainerUsageSample[] {
    const source = this.clusters().find((c) => c.name === cluster);
    if (!source) return [];
    const rps = this.rpsPerPod(cluster);
    return this.containers(source, true).map((c) => {
      const r = rps.get(`${c.namespace}/${c.deployment}`) ?? 0;
      return { namespace: c.namespace, pod: c.pod, container: c.container, cores: this.cores(c, r, tMs), memoryBytes: this.memory(c, r, tMs) };
    });
  }

  /** History: the current pods as if they had run for `seconds` before now (see TrafficCollector.runAhead). */
  runAhead(seconds: number, stepSeconds: number, onStep: (tMs: number, families: MetricFamily[]) => void): void {
    const end = this.lastMs;
    const stepMs = stepSeconds * 1000;
    const snap = this.snapshot(false);
    for (let t = end - Math.floor(seconds / stepSeconds) * stepMs; t <= end; t += stepMs) {
      this.advance(t, stepSeconds, snap);
      onStep(t, this.families(t, snap));
    }
  }

  collect(): MetricFamily[] {
    const now = this.now();
    const snap = this.snapshot(true);
    this.advance(now, Math.max(0, (now - this.lastMs) / 1000), snap);
    this.lastMs = now;
    return this.families(now, snap);
  }

  private families(tMs: number, snap: ReturnType<ResourceCollector['snapshot']>): MetricFamily[] {
    const cpu: Sample[] = [];
    const memory: Sample[] = [];
    const requests: Sample[] = [];
    const limits: Sample[] = [];
    for (const { source, rps, containers } of snap) {
      for (const c of containers) {
        const u = this.usage.get(this.key(source.name, c));
        if (!u) continue;
        cpu.push({ labels: u.labels, value: Math.round(u.cpuSeconds * 1000) / 1000 });
        memory.push({ labels: u.labels, value: this.memory(c, rps.get(`${c.namespace}/${c.deployment}`) ?? 0, tMs) });
        for (const resource of ['cpu', 'memory'] as const) {
          const labels = u.resourceLabels[resource];
          const req = parseQuantity(c.resources.requests?.[resource]);
          const lim = parseQuantity(c.resources.limits?.[resource]);
          if (req !== undefined) requests.push({ labels, value: req });
          if (lim !== undefined) limits.push({ labels, value: lim });
        }
      }
    }
    return [
      { name: 'container_cpu_usage_seconds_total', help: 'Cumulative CPU time consumed by the container, in core-seconds (cAdvisor).', type: 'counter', samples: cpu },
      { name: 'container_memory_working_set_bytes', help: 'Current working set of the container, in bytes (cAdvisor).', type: 'gauge', samples: memory },
      { name: 'kube_pod_container_resource_requests', help: 'The number of requested resource by a container (kube-state-metrics).', type: 'gauge', samples: requests },
      { name: 'kube_pod_container_resource_limits', help: 'The number of requested limit resource by a container (kube-state-metrics).', type: 'gauge', samples: limits },
    ];
  }
}
