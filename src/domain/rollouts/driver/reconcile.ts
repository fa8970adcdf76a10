// Makes the cluster what the rollout's state says, step by step and safe to repeat after a crash:
// the canary Ingress's weight, and the steps of a rollback (weight 0, canary scaled to 0, primary
// untouched) and of a promotion (the primary takes the canary's template and finishes its rolling
// update; then weight 0 and the canary objects removed, or returned to idle when they were adopted).
import type { V1Deployment } from '@kubernetes/client-node';
import type { KubeError } from '../../../clients/kubernetes/kubeErrors';
import { CANARY_WEIGHT_ANNOTATION, promotedTemplate } from '../canaryObjects';
import { LAST_ROLLOUT_ANNOTATION, type LastRollout, type RolloutState } from '../rolloutState';
import type { RolloutKube } from './ports';

export type StepResult = { kind: 'done' } | { kind: 'waiting'; why: string } | { kind: 'failed'; why: string } | { kind: 'error'; error: KubeError };

const kubeFail = (error: KubeError): StepResult => ({ kind: 'error', error });

/** The weight the canary Ingress must carry in this state (undefined: leave it). */
export function desiredWeight(s: RolloutState): number | undefined {
  switch (s.status) {
    case 'starting':
    case 'rollingBack':
      return 0;
    case 'running':
    case 'paused':
    case 'promoting':
      return s.weight;
    default:
      return undefined;
  }
}

/** Sets the canary Ingress's canary-weight if it differs; an Ingress already gone carries no weight. */
export async function ensureWeight(kube: RolloutKube, s: RolloutState, weight: number, signal?: AbortSignal): Promise<StepResult> {
  const ing = await kube.get('ingresses', s.target.namespace, s.canary.ingress, signal);
  if (!ing.ok) return kubeFail(ing.error);
  if (!ing.value) return weight === 0 ? { kind: 'done' } : { kind: 'failed', why: `the canary Ingress ${s.canary.ingress} is gone` };
  if (ing.value.metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION] === String(weight)) return { kind: 'done' };
  const r = await kube.patch('ingresses', s.target.namespace, s.canary.ingress, { metadata: { annotations: { [CANARY_WEIGHT_ANNOTATION]: String(weight) } } }, 'merge', signal);
  return r.ok ? { kind: 'done' } : kubeFail(r.error);
}

const POD_FAILURES = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'InvalidImageName', 'CreateContainerError']);

/** Whether the canary's pods are all ready; a pod stuck failing (crash loop, image pull) fails the start at once. */
export async function canaryReadiness(kube: RolloutKube, s: RolloutState, nowMs: number, signal?: AbortSignal): Promise<StepResult> {
  const d = await kube.get('deployments', s.target.namespace, s.canary.deployment, signal);
  if (!d.ok) return kubeFail(d.error);
  if (!d.value) return { kind: 'failed', why: `the canary deployment ${s.canary.deployment} is gone` };
  const dep = d.value;
  const want = dep.spec?.replicas ?? 1;
  const st = dep.status ?? {};
  const stalled = st.conditions?.find((c) => c.type === 'Progressing' && c.status === 'False');
  if (stalled) return { kind: 'failed', why: `the canary never became ready: ${stalled.reason ?? 'not progressing'}${stalled.message ? ` (${stalled.message})` : ''}` };
  const selector = Object.entries(dep.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await kube.listPods(s.target.namespace, selector, signal);
  if (pods.ok) {
    for (const p of pods.value) {
      for (const cs of p.status?.containerStatuses ?? []) {
        const reason = cs.state?.waiting?.reason;
        if (reason && POD_FAILURES.has(reason)) return { kind: 'failed', why: `the canary never became ready: pod ${p.metadata?.name ?? ''} ${reason}${cs.state?.waiting?.message ? ` (${cs.state.waiting.message})` : ''}` };
      }
    }
  }
  const deadline = (dep.spec?.progressDeadlineSeconds ?? 600) * 1000;
  if (nowMs - Date.parse(s.startedAt) > deadline) return { kind: 'failed', why: `the canary was not ready within its progress deadline (${deadline / 1000} s)` };
  const generationSeen = (st.observedGeneration ?? 0) >= (dep.metadata?.generation ?? 0);
  if (generationSeen && (st.updatedReplicas ?? 0) >= want && (st.readyReplicas ?? 0) >= want && (st.availableReplicas ?? 0) >= want) return { kind: 'done' };
  return { kind: 'waiting', why: `canary ${st.readyReplicas ?? 0}/${want} ready` };
}

/** Weight 0, then the canary scaled to 0. The primary is not touched. */
export async function rollBack(kube: RolloutKube, s: RolloutState, signal?: AbortSignal): Promise<StepResult> {
  const w = await ensureWeight(kube, s, 0, signal);
  if (w.kind !== 'done') return w;
  const d = await kube.get('deployments', s.target.namespace, s.canary.deployment, signal);
  if (!d.ok) return kubeFail(d.error);
  if (!d.value || d.value.spec?.replicas === 0) return { kind: 'done' };
  const r = await kube.patch('deployments', s.target.namespace, s.canary.deployment, { spec: { replicas: 0 } }, 'merge', signal);
  return r.ok ? { kind: 'done' } : kubeFail(r.error);
}

function rolloutComplete(d: V1Deployment): { done: boolean; stalled?: string; progress: string } {
  const st = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  const stalled = st.conditions?.find((c) => c.type === 'Progressing' && c.status === 'False');
  const done = (st.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (st.updatedReplicas ?? 0) === want && (st.replicas ?? 0) === want && (st.availableReplicas ?? 0) === want;
  return { done, ...(stalled ? { stalled: stalled.reason ?? 'ProgressDeadlineExceeded' } : {}), progress: `${st.updatedReplicas ?? 0}/${want} updated, ${st.availableReplicas ?? 0} available` };
}

/** One pass of the promotion; `waiting` until the primary's rolling update has finished. */
export async function promote(kube: RolloutKube, s: RolloutState, signal?: AbortSignal): Promise<StepResult> {
  const ns = s.target.namespace;
  const [p, c] = await Promise.all([kube.get('deployments', ns, s.target.deployment, signal), kube.get('deployments', ns, s.canary.deployment, signal)]);
  if (!p.ok) return kubeFail(p.error);
  if (!c.ok) return kubeFail(c.error);
  const primary = p.value;
  if (!primary) return { kind: 'failed', why: `the primary deployment ${s.target.deployment} is gone` };
  const image = primary.spec?.template?.spec?.containers?.find((x) => x.name === s.target.container)?.image;
  if (image !== s.target.image) {
    if (!c.value) return { kind: 'failed', why: `the canary deployment ${s.canary.deployment} is gone before the primary took its template` };
    const template = promotedTemplate(primary, c.value);
    const cause = `canary promoted: ${s.target.image} (${s.plan.name})`;
    const r = await kube.patch('deployments', ns, s.target.deployment, [
      { op: 'replace', path: '/spec/template', value: template },
      primary.metadata?.annotations
        ? { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: cause }
        : { op: 'add', path: '/metadata/annotations', value: { 'kubernetes.io/change-cause': cause } },
    ], 'json', signal);
    if (!r.ok) return kubeFail(r.error);
    return { kind: 'waiting', why: 'the primary is rolling out the canary\'s template' };
  }
  const done = rolloutComplete(primary);
  if (done.stalled) return { kind: 'failed', why: `promotion stopped: the primary's rolling update failed (${done.stalled}); traffic stays at ${s.weight} % on the canary until you decide` };
  if (!done.done) return { kind: 'waiting', why: `primary ${done.progress}` };
  const w = await ensureWeight(kube, s, 0, signal);
  if (w.kind !== 'done') return w;
  return { kind: 'done' };
}

/** After a promotion: created canary objects deleted (the Deployment last: it holds the state), adopted ones back to idle. */
export async function removeCanary(kube: RolloutKube, s: RolloutState, signal?: AbortSignal): Promise<StepResult> {
  const ns = s.target.namespace;
  for (const kind of ['ingress', 'service'] as const) {
    if (!s.canary.created.includes(kind)) continue;
    const r = await kube.delete(kind === 'ingress' ? 'ingresses' : 'services', ns, s.canary[kind], signal);
    if (!r.ok) return kubeFail(r.error);
  }
  if (s.canary.created.includes('deployment')) {
    const r = await kube.delete('deployments', ns, s.canary.deployment, signal);
    return r.ok ? { kind: 'done' } : kubeFail(r.error);
  }
  const r = await kube.patch('deployments', ns, s.canary.deployment, { spec: { replicas: 0 } }, 'merge', signal);
  return r.ok ? { kind: 'done' } : kubeFail(r.error);
}

/** Keeps the outcome on the primary, where the Deployments view and the next canary read it. */
export async function recordOutcome(kube: RolloutKube, s: RolloutState, signal?: AbortSignal): Promise<StepResult> {
  const last: LastRollout = {
    image: s.target.image,
    plan: s.plan.name,
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    startedAt: s.startedAt,
    endedAt: s.endedAt ?? s.updatedAt,
    startedBy: s.startedBy,
    previousImage: s.target.previousImage,
    phasesDone: s.phase + 1,
    phases: s.plan.phases.length,
    // The weight is 0 once it ended: keep the weight of the last phase it reached.
    weight: s.plan.phases[s.phase]?.weight ?? s.weight,
    failedChecks: s.failedChecks,
  };
  const r = await kube.patch('deployments', s.target.namespace, s.target.deployment, { metadata: { annotations: { [LAST_ROLLOUT_ANNOTATION]: JSON.stringify(last) } } }, 'merge', signal);
  if (!r.ok && r.error.kind !== 'notFound') return kubeFail(r.error);
  return { kind: 'done' };
}
