// The real server's node columns (printNode): STATUS says Ready/NotReady plus SchedulingDisabled when cordoned,
// ROLES come from node-role.kubernetes.io/<role> labels.
import type { KubeObject } from '../../store/types';
import { AGE, age, col, NAME } from './columns';
import type { Printer } from './printers';

interface NodeFields {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

export function nodeStatusText(o: KubeObject): string {
  const n = o as unknown as NodeFields;
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const out = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if (n.spec?.unschedulable) out.push('SchedulingDisabled');
  return out.join(',');
}

function roles(o: KubeObject): string {
  const r = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) r.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role') r.add(v);
  }
  return r.size ? [...r].sort().join(',') : '<none>';
}

const address = (o: KubeObject, type: string) => (o as unknown as NodeFields).status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodes: Printer = {
  columns: [
    NAME,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE,
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  cells(o, now) {
    const info = (o as unknown as NodeFields).status?.nodeInfo ?? {};
    return [o.metadata.name, nodeStatusText(o), roles(o), age(o, now), info.kubeletVersion ?? '', address(o, 'InternalIP'), address(o, 'ExternalIP'), info.osImage ?? '<unknown>', info.kernelVersion ?? '<unknown>', info.containerRuntimeVersion ?? '<unknown>'];
  },
};
