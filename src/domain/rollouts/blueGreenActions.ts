// Blue-green against the cluster: read a Service's colour pair (live readiness of each deployment),
// write a switch (the selector patch and the switch record on the Service, in one merge patch with
// the resourceVersion read: a switch made meanwhile by someone else is not overwritten), clean up.
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import { type BlueGreenPair, BLUE_GREEN_ANNOTATION, blueGreenPair, type SwitchPlan } from './blueGreen';
import type { RolloutKube } from './driver/ports';

const message = (e: KubeError): string => `${e.message}${e.hint ? `. ${e.hint}` : ''}`;

export async function readPair(kube: RolloutKube, namespace: string, service: string, signal?: AbortSignal): Promise<{ pair: BlueGreenPair; resourceVersion: string } | { error: string }> {
  const [s, d] = await Promise.all([kube.get('services', namespace, service, signal), kube.list('deployments', namespace, undefined, signal)]);
  if (!s.ok) return { error: message(s.error) };
  if (!d.ok) return { error: message(d.error) };
  if (!s.value) return { error: `Service ${service} does not exist in ${namespace}` };
  const pair = blueGreenPair(s.value, d.value);
  if (!pair) return { error: `Service ${service} does not front a blue-green pair (no selector label that tells two deployments apart)` };
  return { pair, resourceVersion: s.value.metadata?.resourceVersion ?? '' };
}

/** Every blue-green pair in a namespace (for pickers). */
export async function listPairs(kube: RolloutKube, namespace: string, signal?: AbortSignal): Promise<BlueGreenPair[] | { error: string }> {
  const [s, d] = await Promise.all([kube.list('services', namespace, undefined, signal), kube.list('deployments', namespace, undefined, signal)]);
  if (!s.ok) return { error: message(s.error) };
  if (!d.ok) return { error: message(d.error) };
  return s.value.map((svc) => blueGreenPair(svc, d.value)).filter((p): p is BlueGreenPair => p !== undefined);
}

export async function applySwitch(kube: RolloutKube, pair: BlueGreenPair, resourceVersion: string, plan: Exclude<SwitchPlan, { refused: string }>, signal?: AbortSignal): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = await kube.patch('services', pair.namespace, pair.service, { metadata: { resourceVersion, annotations: { [BLUE_GREEN_ANNOTATION]: JSON.stringify(plan.annotation) } }, ...plan.patch }, 'merge', signal);
  if (r.ok) return { ok: true };
  return { ok: false, message: r.error.kind === 'conflict' ? `Service ${pair.service} changed while you decided (someone else switched it?): look again` : message(r.error) };
}

export async function scaleToZero(kube: RolloutKube, namespace: string, deployment: string, signal?: AbortSignal): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = await kube.patch('deployments', namespace, deployment, { spec: { replicas: 0 } }, 'merge', signal);
  return r.ok ? { ok: true } : { ok: false, message: message(r.error) };
}
