// Blue-green against the cluster: read a Service's colour pair (live readiness of each deployment),
// write a switch (the selector patch and the switch record on the Service, in one merge patch with
// the resourceVersion read: a switch made meanwhile by someone else is not overwritten), clean up.
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import type { RolloutsClient } from '../../clients/kubernetes/rolloutsClient';
import { type BlueGreenPair, BLUE_GREEN_ANNOTATION, blueGreenPair, type SwitchPlan } from './blueGreen';
import { colourProbe, colourQuery, colourWindow, gateChecks, GUIDE_000_COLOUR_GATES, healthCheck, type SwitchCheck, type SwitchDecision, switchDecision } from './blueGreenChecks';
import type { MetricsPort, RolloutKube } from './driver/ports';
import { readScalar } from './verdicts';

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

/**
 * Everything a colour must pass before it takes the traffic (besides readiness, which planSwitch checks): guide
 * 000's health check through the service proxy and its analysis on the colour's own requests, read concurrently.
 */
export async function checkColour(
  kube: Pick<RolloutsClient, 'get' | 'list' | 'serviceProxyGet'>,
  metrics: MetricsPort,
  pair: BlueGreenPair,
  colour: string,
  timeScale: number,
  signal?: AbortSignal,
): Promise<SwitchDecision> {
  const deployment = pair.colours.find((c) => c.value === colour)?.deployment;
  const windowSeconds = colourWindow(GUIDE_000_COLOUR_GATES, timeScale);
  const target = { namespace: pair.namespace, service: pair.service, colour };
  const read = (q: string) => metrics.query(colourQuery(q, target, windowSeconds), signal).then(readScalar);
  const health = async (): Promise<SwitchCheck> => {
    const [services, d] = await Promise.all([kube.list('services', pair.namespace, undefined, signal), deployment ? kube.get('deployments', pair.namespace, deployment, signal) : undefined]);
    if (!services.ok) return healthCheck({ missing: `the Services of ${pair.namespace} could not be read: ${message(services.error)}` }, undefined);
    if (d && !d.ok) return healthCheck({ missing: `deployment ${deployment ?? ''} could not be read: ${message(d.error)}` }, undefined);
    const probe = colourProbe(services.value, pair, colour, d?.ok ? (d.value?.spec?.template?.metadata?.labels ?? {}) : {});
    if ('missing' in probe) return healthCheck(probe, undefined);
    const r = await kube.serviceProxyGet(pair.namespace, probe.service, probe.port, probe.path, signal);
    return healthCheck(probe, r.ok ? { kind: 'answered', ...r.value } : { kind: 'failed', message: message(r.error) });
  };
  const [h, requests, ...gates] = await Promise.all([health(), read(GUIDE_000_COLOUR_GATES.requestsQuery), ...GUIDE_000_COLOUR_GATES.gates.map((g) => read(g.query))]);
  return switchDecision(colour, [h, ...gateChecks(GUIDE_000_COLOUR_GATES, { requests, gates }, windowSeconds)]);
}
