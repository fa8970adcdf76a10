// Start Canary, in two halves: prepare (read the primary, its Service and Ingress, decide the canary's
// objects, try every gate query once against Prometheus — a plan whose queries fail never starts)
// and execute (Service, weight-0 canary Ingress, then the canary Deployment carrying the rollout's
// state and this cockpit's lease). Nothing is written until the person has confirmed the summary.
import type { V1Deployment } from '@kubernetes/client-node';
import type { KubeError } from '../../../clients/kubernetes/kubeErrors';
import type { CanaryPlan } from '../canaryPlan';
import { type CanaryObjectsPlan, canaryName, findRoute, planCanaryObjects } from '../canaryObjects';
import { formatDuration } from '../durations';
import { claimLease } from '../lease';
import { CHECKS_ANNOTATION, encodeState, LEASE_ANNOTATION, type RolloutState, STATE_ANNOTATION } from '../rolloutState';
import { readScalar } from '../verdicts';
import { gateQuery, requestsQuery } from './checkReader';
import type { MetricsPort, RolloutKube } from './ports';
import { leaseSeconds } from './rolloutRunner';

export interface StartRequest {
  namespace: string;
  deployment: string;
  /** Default: the only container, else required. */
  container?: string;
  image: string;
  plan: CanaryPlan;
  timeScale: number;
  /** Who starts it (audit, the state's startedBy). */
  by: string;
}

export interface PreparedStart {
  request: StartRequest & { container: string };
  primary: V1Deployment;
  objects: CanaryObjectsPlan;
  state: RolloutState;
  /** Lines for the confirmation: what will be created or changed, and the plan. */
  summary: string[];
}

export type Prepared = { ok: true; prepared: PreparedStart } | { ok: false; message: string };

const kubeMessage = (e: KubeError): string => `${e.message}${e.hint ? `. ${e.hint}` : ''}`;

export function planSummary(plan: CanaryPlan, timeScale: number): string {
  const phases = plan.phases.map((p) => `${p.weight} % ${formatDuration(p.holdSeconds * timeScale)}`).join(' → ');
  return `${plan.name}: ${phases} → promote; a check every ${formatDuration(plan.intervalSeconds * timeScale)}, rollback after ${plan.failureThreshold} failed check${plan.failureThreshold === 1 ? '' : 's'}`;
}

export async function prepareStart(kube: RolloutKube, metrics: MetricsPort, req: StartRequest, nowMs: number, signal?: AbortSignal): Promise<Prepared> {
  const ns = req.namespace;
  const cName = canaryName(req.deployment);
  const [primary, services, ingresses, existingD, existingS, existingI] = await Promise.all([
    kube.get('deployments', ns, req.deployment, signal),
    kube.list('services', ns, undefined, signal),
    kube.list('ingresses', ns, undefined, signal),
    kube.get('deployments', ns, cName, signal),
    kube.get('services', ns, cName, signal),
    kube.get('ingresses', ns, cName, signal),
  ]);
  for (const r of [primary, services, ingresses, existingD, existingS, existingI]) if (!r.ok) return { ok: false, message: kubeMessage(r.error) };
  if (!primary.ok || !services.ok || !ingresses.ok || !existingD.ok || !existingS.ok || !existingI.ok) return { ok: false, message: 'unreachable' };
  if (!primary.value) return { ok: false, message: `deployment ${req.deployment} does not exist in ${ns}` };
  const containers = primary.value.spec?.template?.spec?.containers ?? [];
  const container = req.container ?? (containers.length === 1 ? containers[0]?.name : undefined);
  if (!container) return { ok: false, message: `${req.deployment} has ${containers.length} containers: say which one takes the new image` };
  const route = findRoute(primary.value, services.value, ingresses.value);
  if ('refused' in route) return { ok: false, message: route.refused };
  const replicas = req.plan.canaryReplicas === 'primary' ? Math.max(1, primary.value.spec?.replicas ?? 1) : req.plan.canaryReplicas;
  const objects = planCanaryObjects({
    primary: primary.value,
    container,
    image: req.image,
    replicas,
    route,
    existing: { ...(existingD.value ? { deployment: existingD.value } : {}), ...(existingS.value ? { service: existingS.value } : {}), ...(existingI.value ? { ingress: existingI.value } : {}) },
  });
  if ('refused' in objects) return { ok: false, message: objects.refused };
  const at = new Date(nowMs).toISOString();
  const previousImage = containers.find((c) => c.name === container)?.image ?? '';
  const state: RolloutState = {
    version: 1,
    id: `${nowMs.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    target: { namespace: ns, deployment: req.deployment, container, image: req.image.trim(), previousImage, service: route.service.metadata?.name ?? '', ingress: route.ingress.metadata?.name ?? '' },
    canary: {
      deployment: cName,
      service: cName,
      ingress: cName,
      created: [...('create' in objects.deployment ? (['deployment'] as const) : []), ...('create' in objects.service ? (['service'] as const) : []), ...('create' in objects.ingress ? (['ingress'] as const) : [])],
    },
    plan: req.plan,
    timeScale: req.timeScale,
    status: 'starting',
    phase: 0,
    weight: 0,
    phaseStartedAt: at,
    failedChecks: 0,
    inconclusiveChecks: 0,
    startedAt: at,
    startedBy: req.by,
    updatedAt: at,
  };
  // Every query once, on the primary: a typo in a plan's PromQL must stop the start, not the rollout.
  const queries = [requestsQuery(state, 'primary'), ...req.plan.gates.map((g) => gateQuery(state, g, 'primary'))];
  const answers = await Promise.all(queries.map((q) => metrics.query(q, signal)));
  for (const [i, a] of answers.entries()) {
    if (!a.ok) {
      const what = i === 0 ? 'the request count' : `gate ${req.plan.gates[i - 1]?.name ?? ''}`;
      return { ok: false, message: a.kind === 'unreachable' ? `cannot start without Prometheus (the gates could not be evaluated): ${a.message}` : `${what} of plan "${req.plan.name}" fails in Prometheus: ${a.message}` };
    }
    const r = readScalar(a);
    if (r.kind === 'invalid' && /series where one was expected/.test(r.why)) return { ok: false, message: `gate ${req.plan.gates[i - 1]?.name ?? 'requests'} returns ${r.why}` };
  }
  const verb = (o: { create: unknown } | { adopt: unknown }) => ('create' in o ? 'create' : 'reuse');
  const summary = [
    `${verb(objects.deployment)} deployment ${cName}: ${replicas} replica${replicas === 1 ? '' : 's'} of ${req.image.trim()} (now ${previousImage})`,
    `${verb(objects.service)} Service ${cName} and ${verb(objects.ingress)} canary Ingress ${cName} beside Ingress ${state.target.ingress} (weight 0 until the canary is ready)`,
    planSummary(req.plan, req.timeScale),
  ];
  return { ok: true, prepared: { request: { ...req, container }, primary: primary.value, objects, state, summary } };
}

/** Writes the canary's objects; the Deployment (with the state and this cockpit's lease) last. */
export async function executeStart(kube: RolloutKube, p: PreparedStart, identity: string, nowMs: number, signal?: AbortSignal): Promise<{ ok: true } | { ok: false; message: string }> {
  const ns = p.request.namespace;
  const o = p.objects;
  const created: ('services' | 'ingresses')[] = [];
  const undo = async () => {
    for (const r of created) await kube.delete(r, ns, p.state.canary.service, signal);
  };
  if ('create' in o.service) {
    const r = await kube.create('services', ns, o.service.create, signal);
    if (!r.ok) return { ok: false, message: `creating Service ${p.state.canary.service}: ${kubeMessage(r.error)}` };
    created.push('services');
  } else {
    const r = await kube.patch('services', ns, p.state.canary.service, { metadata: { labels: o.service.adopt.metadata?.labels }, spec: { selector: o.service.adopt.spec?.selector } }, 'merge', signal);
    if (!r.ok) return { ok: false, message: `updating Service ${p.state.canary.service}: ${kubeMessage(r.error)}` };
  }
  if ('create' in o.ingress) {
    const r = await kube.create('ingresses', ns, o.ingress.create, signal);
    if (!r.ok) {
      await undo();
      return { ok: false, message: `creating Ingress ${p.state.canary.ingress}: ${kubeMessage(r.error)}` };
    }
    created.push('ingresses');
  } else {
    const r = await kube.patch('ingresses', ns, p.state.canary.ingress, { metadata: { labels: o.ingress.adopt.metadata?.labels, annotations: o.ingress.adopt.metadata?.annotations }, spec: o.ingress.adopt.spec }, 'merge', signal);
    if (!r.ok) return { ok: false, message: `updating Ingress ${p.state.canary.ingress}: ${kubeMessage(r.error)}` };
  }
  const lease = claimLease(undefined, identity, nowMs, leaseSeconds(p.state));
  const annotations = { [STATE_ANNOTATION]: encodeState(p.state), [LEASE_ANNOTATION]: JSON.stringify(lease), [CHECKS_ANNOTATION]: '[]' };
  if ('create' in o.deployment) {
    const body = structuredClone(o.deployment.create);
    body.metadata = { ...body.metadata, annotations: { ...(body.metadata?.annotations ?? {}), ...annotations } };
    const r = await kube.create('deployments', ns, body, signal);
    if (!r.ok) {
      await undo();
      return { ok: false, message: `creating deployment ${p.state.canary.deployment}: ${kubeMessage(r.error)}` };
    }
    return { ok: true };
  }
  // Adopting an idle canary: only if it is still what was read (no other cockpit started one meanwhile).
  const existing = await kube.get('deployments', ns, p.state.canary.deployment, signal);
  if (!existing.ok) return { ok: false, message: kubeMessage(existing.error) };
  const rv = existing.value?.metadata?.resourceVersion;
  if (!rv) return { ok: false, message: `deployment ${p.state.canary.deployment} disappeared` };
  const a = o.deployment.adopt;
  const r = await kube.patch(
    'deployments',
    ns,
    p.state.canary.deployment,
    [
      { op: 'test', path: '/metadata/resourceVersion', value: rv },
      { op: 'replace', path: '/spec/template', value: a.spec?.template },
      { op: 'replace', path: '/spec/replicas', value: a.spec?.replicas },
      { op: 'add', path: '/metadata/labels', value: { ...(existing.value?.metadata?.labels ?? {}), ...(a.metadata?.labels ?? {}) } },
      { op: 'add', path: '/metadata/annotations', value: { ...(existing.value?.metadata?.annotations ?? {}), ...annotations } },
    ],
    'json',
    signal,
  );
  if (!r.ok) return { ok: false, message: `starting the canary in ${p.state.canary.deployment}: ${kubeMessage(r.error)}` };
  return { ok: true };
}
