// What the simulated metrics-server reports: each running container's CPU and memory at an instant. The sandbox
// wires this to the metrics exporter's traffic-driven resource model (sandbox/metrics/resourceCollector.ts), so
// `kubectl top` and Prometheus' container_* series tell the same story; a cluster without it has no metrics API.

export interface ContainerUsageSample {
  namespace: string;
  pod: string;
  container: string;
  /** CPU in cores (a rate, like metrics-server's window average). */
  cores: number;
  memoryBytes: number;
}

/** The containers' use at `tMs` (ms since the epoch). */
export type UsageSource = (tMs: number) => readonly ContainerUsageSample[];

/** metrics-server scrapes kubelets every 15 s: answers within one window are the same numbers. */
export const METRICS_RESOLUTION_MS = 15_000;

/** What a node runs besides its pods (kubelet, container runtime, system daemons). */
export const NODE_SYSTEM_USAGE = { cores: 0.18, memoryBytes: 900 * 1024 * 1024 };
