// A Service's endpoints as rows: from its Endpoints object when the API server keeps one (a real cluster), else from
// the pods its selector matches (what the endpoints controller would have computed), said so by the caller. Pure.
import type { AnyObject } from './resourceRows';

export interface Endpoint {
  pod: string;
  ip: string;
  ready: boolean;
  ports: string;
}

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** core/v1 Endpoints: every subset's ready and not-ready addresses with that subset's ports. */
export function endpointsFromObject(endpoints: AnyObject): Endpoint[] {
  const out: Endpoint[] = [];
  for (const s of arr(endpoints.subsets)) {
    const ports = arr(s.ports).map((p) => `${str(p.port)}/${str(p.protocol) || 'TCP'}`).join(',');
    const add = (a: Json, ready: boolean) => out.push({ pod: str((a.targetRef as Json | undefined)?.name), ip: str(a.ip), ready, ports });
    for (const a of arr(s.addresses)) add(a, true);
    for (const a of arr(s.notReadyAddresses)) add(a, false);
  }
  return out.sort((a, b) => a.pod.localeCompare(b.pod) || a.ip.localeCompare(b.ip));
}

/** The pods a selector matched: running ones with an IP, ready when their Ready condition says so; ports are the service's target ports. */
export function endpointsFromPods(pods: readonly AnyObject[], service: AnyObject): Endpoint[] {
  const targetPorts = arr((service.spec as Json | undefined)?.ports)
    .map((p) => `${str(p.targetPort ?? p.port)}/${str(p.protocol) || 'TCP'}`)
    .join(',');
  const out: Endpoint[] = [];
  for (const p of pods) {
    const status = (p.status ?? {}) as Json;
    const ip = str(status.podIP);
    if (!ip || p.metadata && (p.metadata as Json).deletionTimestamp) continue;
    const ready = arr(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True');
    out.push({ pod: p.metadata?.name ?? '', ip, ready, ports: targetPorts });
  }
  return out.sort((a, b) => a.pod.localeCompare(b.pod));
}

/** The Service's selector as a label selector, or undefined when it has none (its endpoints are kept by hand). */
export function serviceSelector(service: AnyObject): string | undefined {
  const sel = (service.spec as Json | undefined)?.selector as Record<string, unknown> | undefined;
  const parts = Object.entries(sel ?? {}).map(([k, v]) => `${k}=${str(v)}`);
  return parts.length ? parts.join(',') : undefined;
}
