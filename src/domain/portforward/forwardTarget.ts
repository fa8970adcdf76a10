// Which pod a forward goes to and which of its ports: the container ports a pod declares (for the remote-port picker),
// and — on start through a deployment, or after its pod went away — the ready pod of that deployment to use
// (kubectl port-forward deployment/x picks one the same way: running, ready, not terminating; the newest wins ties so a
// forward lands on the pod that will live longest).
import type { V1Pod } from '@kubernetes/client-node';

export interface ContainerPort {
  container: string;
  port: number;
  name?: string;
  protocol: string;
}

/** TCP ports the pod's containers declare, in order; UDP cannot be forwarded (kubectl refuses it too). */
export function containerPortsOf(pod: V1Pod): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      const protocol = p.protocol ?? 'TCP';
      if (protocol !== 'TCP' || !Number.isInteger(p.containerPort) || p.containerPort <= 0 || p.containerPort > 65535) continue;
      out.push({ container: c.name, port: p.containerPort, ...(p.name ? { name: p.name } : {}), protocol });
    }
  }
  return out;
}

export function isServing(pod: V1Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (pod.status?.phase !== 'Running') return false;
  return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The pod to forward to among a deployment's pods, or why there is none. */
export function pickServingPod(pods: readonly V1Pod[]): { pod: string } | { none: string } {
  const serving = pods.filter(isServing);
  if (!serving.length) {
    const running = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase === 'Running').length;
    if (!pods.length) return { none: 'it has no pods' };
    return { none: pods.length === 1 ? `its only pod is not ready (${running ? 'running' : 'not running'})` : `none of its ${pods.length} pods are ready (${running} running)` };
  }
  const created = (p: V1Pod) => {
    const t = p.metadata?.creationTimestamp as unknown;
    return t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) || 0 : 0;
  };
  const best = [...serving].sort((a, b) => created(b) - created(a) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))[0];
  return { pod: best?.metadata?.name ?? '' };
}
