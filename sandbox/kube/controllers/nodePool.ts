// The simulated nodes pods are bound to, and the pod IPs they hand out.

export interface SimNode {
  name: string;
  hostIP: string;
}

export class NodePool {
  readonly nodes: readonly SimNode[];
  private nextIp = 0;

  constructor(clusterName: string, count = 3) {
    this.nodes = Array.from({ length: count }, (_, i) => ({ name: `${clusterName}-worker-${i + 1}`, hostIP: `10.0.0.${11 + i}` }));
  }

  /** Spreads pods over the nodes by name, so a pod keeps its node whatever the order of creation. */
  pick(podName: string): SimNode {
    let h = 0;
    for (let i = 0; i < podName.length; i++) h = (Math.imul(h, 31) + podName.charCodeAt(i)) >>> 0;
    return this.nodes[h % this.nodes.length];
  }

  /** 10.244.x.y from a cluster-wide counter (65k addresses before reuse; .0 and .255 skipped). */
  allocatePodIP(): string {
    for (;;) {
      const n = this.nextIp++ % 65536;
      const lo = n & 255;
      if (lo === 0 || lo === 255) continue;
      return `10.244.${n >> 8}.${lo}`;
    }
  }
}
