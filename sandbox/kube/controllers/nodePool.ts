// The simulated nodes pods are bound to, the Node objects kubectl sees for them, and the pod IPs they hand out.
// The scheduler side (pick) skips nodes cordoned through the API (spec.unschedulable), as the real scheduler does.
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../store/types';

export interface SimNode {
  name: string;
  hostIP: string;
}

/** What each simulated node offers: 4 cores and 16 GiB, less the kubelet's reservation in allocatable. */
export const NODE_CAPACITY = { cpu: '4', memory: '16393220Ki', pods: '110', 'ephemeral-storage': '101430960Ki' };
export const NODE_ALLOCATABLE = { cpu: '3860m', memory: '15242244Ki', pods: '110', 'ephemeral-storage': '93478772582' };
export const KUBELET_VERSION = 'v1.30.5';
/** Where kubelets keep their heartbeat Leases, one per node, named after it. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** The kubelet renews its Lease every 10 s (a quarter of leaseDurationSeconds 40). */
export const LEASE_RENEW_MS = 10_000;
const LEASE_DURATION_SECONDS = 40;

export class NodePool {
  readonly nodes: readonly SimNode[];
  private nextIp = 0;
  private store: ObjectStore | undefined;
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(clusterName: string, count = 3) {
    this.nodes = Array.from({ length: count }, (_, i) => ({ name: `${clusterName}-worker-${i + 1}`, hostIP: `10.0.0.${11 + i}` }));
  }

  /**
   * Writes the Node objects and their Leases in kube-node-lease (once), lets pick() read their cordons from then on,
   * and renews the Leases every LEASE_RENEW_MS as each node's kubelet would.
   */
  attach(store: ObjectStore): void {
    this.store = store;
    for (const n of this.nodes) if (!store.get('nodes', undefined, n.name)) store.create('nodes', nodeObject(n));
    if (!store.get('namespaces', undefined, NODE_LEASE_NAMESPACE)) return;
    for (const n of this.nodes) {
      const node = store.get('nodes', undefined, n.name);
      if (node && !store.get('leases', NODE_LEASE_NAMESPACE, n.name)) store.create('leases', leaseObject(node));
    }
    this.renewTimer ??= setInterval(() => this.renewLeases(), LEASE_RENEW_MS);
    this.renewTimer.unref();
  }

  /** Stops renewing the Leases (they stay in the store, ageing like those of a stopped kubelet). */
  dispose(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  /** One heartbeat of every node: renewTime = now (a Lease deleted by hand comes back, as the kubelet recreates it). */
  renewLeases(): void {
    const store = this.store;
    if (!store?.get('namespaces', undefined, NODE_LEASE_NAMESPACE)) return;
    for (const n of this.nodes) {
      const node = store.get('nodes', undefined, n.name);
      if (!node) continue;
      const lease = store.get('leases', NODE_LEASE_NAMESPACE, n.name);
      try {
        if (!lease) store.create('leases', leaseObject(node));
        else store.update('leases', { ...lease, metadata: { ...lease.metadata, resourceVersion: undefined }, spec: { ...lease.spec, renewTime: microTime(new Date()) } });
      } catch {
        // A heartbeat racing a client's write or delete: the next one catches up, as a kubelet's would.
      }
    }
  }

  /** Whether the scheduler may place pods on the node (not cordoned; a node unknown to the store counts as schedulable). */
  schedulable(name: string): boolean {
    const spec = this.store?.get('nodes', undefined, name)?.spec as { unschedulable?: boolean } | undefined;
    return spec?.unschedulable !== true;
  }

  /**
   * Spreads pods over the schedulable nodes by name, so a pod keeps its node whatever the order of creation;
   * undefined when every node is cordoned.
   */
  pick(podName: string): SimNode | undefined {
    const open = this.nodes.filter((n) => this.schedulable(n.name));
    if (open.length === 0) return undefined;
    let h = 0;
    for (let i = 0; i < podName.length; i++) h = (Math.imul(h, 31) + podName.charCodeAt(i)) >>> 0;
    return open[h % open.length];
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

/** A Node as a kubelet registers it: a worker role, Ready with no pressure, capacity and allocatable. */
function nodeObject(n: SimNode): KubeObject {
  const heartbeat = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: heartbeat, reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/worker': '',
        'node.kubernetes.io/instance-type': 'sim-4x16',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: `10.244.${n.hostIP.split('.')[3]}.0/24` },
    status: {
      capacity: { ...NODE_CAPACITY },
      allocatable: { ...NODE_ALLOCATABLE },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: n.hostIP },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: n.name.replace(/[^a-z0-9]/g, '').padEnd(32, '0').slice(0, 32),
        systemUUID: `00000000-0000-0000-0000-${n.hostIP.split('.').map((x) => x.padStart(3, '0')).join('')}`,
        bootID: `${n.name}-boot`,
        kernelVersion: '6.1.0-28-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** metav1.MicroTime as the API server writes it: RFC 3339 with microseconds. */
function microTime(d: Date): string {
  return d.toISOString().replace(/Z$/, '000Z');
}

/** The heartbeat Lease a kubelet keeps for its node: held by the node, owned by the Node object. */
function leaseObject(node: KubeObject): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata.name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '' }],
    },
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(new Date()) },
  };
}
