// Flagger's Canary and Argo Rollouts' Rollout as the cockpit shows them (phase, weight, failed checks,
// conditions, last transition) and acts on them — through each project's documented means: Flagger's
// spec.suspend and spec.skipAnalysis, and the status patches Argo's kubectl plugin sends for
// promote, abort and retry. A Flagger Canary's analysis can also become a cockpit plan. Pure.
import { decodePlan, NGINX_REQUESTS, NGINX_TRACKS, parsePlan, type PlanResult } from './planParser';
import { GUIDE_000_FLAGGER_PLAN } from './shippedPlans';
import { parseDuration } from './durations';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface CustomObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: unknown;
  status?: unknown;
}

export const FLAGGER = { group: 'flagger.app', version: 'v1beta1', plural: 'canaries', kind: 'Canary' } as const;
export const ARGO = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts', kind: 'Rollout' } as const;

export interface ProgressiveSummary {
  kind: 'flagger' | 'argo';
  name: string;
  namespace: string;
  /** The Deployment it drives (Flagger targetRef, Argo workloadRef), when named. */
  target?: string;
  phase: string;
  weight?: number;
  failedChecks?: number;
  /** "Rollout is paused", a condition's message. */
  message?: string;
  lastTransition?: string;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  suspended?: boolean;
  paused?: boolean;
  aborted?: boolean;
}

function conditions(status: Json): ProgressiveSummary['conditions'] {
  return (Array.isArray(status.conditions) ? status.conditions : []).map(rec).map((c) => ({
    type: str(c.type) ?? '',
    status: str(c.status) ?? '',
    ...(str(c.reason) ? { reason: str(c.reason) } : {}),
    ...(str(c.message) ? { message: str(c.message) } : {}),
  }));
}

export function summarizeFlagger(o: CustomObject): ProgressiveSummary {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const conds = conditions(status);
  return {
    kind: 'flagger',
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace ?? '',
    ...(str(rec(spec.targetRef).name) ? { target: str(rec(spec.targetRef).name) } : {}),
    phase: str(status.phase) ?? 'Unknown',
    ...(num(status.canaryWeight) !== undefined ? { weight: num(status.canaryWeight) } : {}),
    ...(num(status.failedChecks) !== undefined ? { failedChecks: num(status.failedChecks) } : {}),
    ...(conds[0]?.message ? { message: conds[0].message } : {}),
    ...(str(status.lastTransitionTime) ? { lastTransition: str(status.lastTransitionTime) } : {}),
    conditions: conds,
    suspended: spec.suspend === true,
  };
}

export function summarizeArgo(o: CustomObject): ProgressiveSummary {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const conds = conditions(status);
  const steps = Array.isArray(rec(rec(spec.strategy).canary).steps) ? (rec(rec(spec.strategy).canary).steps as unknown[]) : [];
  const index = num(status.currentStepIndex);
  // The weight of the last setWeight step at or before the current one.
  let weight: number | undefined;
  for (let i = 0; index !== undefined && i <= Math.min(index, steps.length - 1); i++) weight = num(rec(steps[i]).setWeight) ?? weight;
  const transitions = (Array.isArray(status.conditions) ? status.conditions : []).map((c) => str(rec(c).lastTransitionTime)).filter((t): t is string => !!t).sort();
  return {
    kind: 'argo',
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace ?? '',
    ...(str(rec(spec.workloadRef).name) ? { target: str(rec(spec.workloadRef).name) } : {}),
    phase: str(status.phase) ?? 'Unknown',
    ...(weight !== undefined ? { weight } : {}),
    ...(str(status.message) ? { message: str(status.message) } : {}),
    ...(transitions.length ? { lastTransition: transitions.at(-1) } : {}),
    conditions: conds,
    paused: spec.paused === true || (Array.isArray(status.pauseConditions) && status.pauseConditions.length > 0),
    aborted: status.abort === true,
  };
}

export type ProgressiveAction = 'flaggerSuspend' | 'flaggerResume' | 'flaggerSkipAnalysis' | 'argoPromote' | 'argoPromoteFull' | 'argoAbort' | 'argoRetry';

/** A merge patch and where it goes (the object, or its status subresource). */
export interface ResourcePatch {
  target: 'object' | 'status';
  patch: Json;
  /** For the audit log and the notification. */
  summary: string;
}

/** The patches each action sends, as the projects document them (Argo: the kubectl plugin's). */
export function actionPatches(action: ProgressiveAction, o: CustomObject): ResourcePatch[] | { refused: string } {
  const s = action.startsWith('flagger') ? summarizeFlagger(o) : summarizeArgo(o);
  const status = rec(o.status);
  switch (action) {
    case 'flaggerSuspend':
      if (s.suspended) return { refused: `Canary ${s.name} is already suspended` };
      return [{ target: 'object', patch: { spec: { suspend: true } }, summary: 'spec.suspend: true (Flagger stops the analysis and leaves traffic as it is)' }];
    case 'flaggerResume':
      if (!s.suspended) return { refused: `Canary ${s.name} is not suspended` };
      return [{ target: 'object', patch: { spec: { suspend: false } }, summary: 'spec.suspend: false' }];
    case 'flaggerSkipAnalysis':
      return [{ target: 'object', patch: { spec: { skipAnalysis: true } }, summary: 'spec.skipAnalysis: true (Flagger promotes without the metric checks)' }];
    case 'argoPromote': {
      if (!s.paused && !(Array.isArray(status.pauseConditions) && status.pauseConditions.length)) return { refused: `Rollout ${s.name} is not paused: nothing to promote` };
      const patches: ResourcePatch[] = [];
      if (rec(o.spec).paused === true) patches.push({ target: 'object', patch: { spec: { paused: false } }, summary: 'spec.paused: false' });
      if (Array.isArray(status.pauseConditions) && status.pauseConditions.length) patches.push({ target: 'status', patch: { status: { pauseConditions: null } }, summary: 'status.pauseConditions cleared' });
      return patches;
    }
    case 'argoPromoteFull':
      return [{ target: 'status', patch: { status: { promoteFull: true } }, summary: 'status.promoteFull: true (skips the remaining steps and analysis)' }];
    case 'argoAbort':
      if (s.aborted) return { refused: `Rollout ${s.name} is already aborted` };
      return [{ target: 'status', patch: { status: { abort: true } }, summary: 'status.abort: true (traffic back to the stable version)' }];
    case 'argoRetry':
      if (!s.aborted) return { refused: `Rollout ${s.name} is not aborted: nothing to retry` };
      return [{ target: 'status', patch: { status: { abort: false } }, summary: 'status.abort: false (the rollout starts again)' }];
  }
}

/**
 * A Flagger Canary's analysis as a cockpit plan: stepWeight steps up to maxWeight, one check per
 * interval each, rollback after `threshold` failed checks, request-success-rate ≥ min and
 * request-duration ≤ max on ingress-nginx's series (the same gates as guide 000's shipped plan).
 */
export function planFromFlagger(o: CustomObject): PlanResult {
  const base = parsePlan(GUIDE_000_FLAGGER_PLAN);
  if (!base.ok) return base;
  const analysis = rec(rec(o.spec).analysis ?? rec(o.spec).canaryAnalysis);
  const interval = str(analysis.interval) ?? '1m';
  const intervalSeconds = parseDuration(interval);
  const step = num(analysis.stepWeight);
  const max = num(analysis.maxWeight);
  const threshold = num(analysis.threshold);
  const missing = [intervalSeconds === undefined ? 'analysis.interval' : '', step === undefined ? 'analysis.stepWeight' : '', max === undefined ? 'analysis.maxWeight' : '', threshold === undefined ? 'analysis.threshold' : ''].filter(Boolean);
  if (missing.length || !intervalSeconds || !step || !max || !threshold) return { ok: false, errors: missing.map((m) => ({ path: m, message: 'is required to import the analysis' })) };
  const metrics = (Array.isArray(analysis.metrics) ? analysis.metrics : []).map(rec);
  const thresholds: Record<string, number> = {};
  const gates = base.plan.gates.filter((g) => {
    const m = metrics.find((x) => x.name === g.name);
    const range = rec(m?.thresholdRange);
    const value = g.name === 'request-success-rate' ? num(range.min) : num(range.max);
    if (value === undefined) return false;
    thresholds[g.name] = value;
    return true;
  });
  const weights: number[] = [];
  for (let w = step; w <= max; w += step) weights.push(w);
  const plan: Json = {
    name: `Flagger ${o.metadata?.name ?? ''} analysis`,
    source: `Flagger Canary ${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`,
    description: `Imported from the Flagger Canary: ${step} % steps to ${max} %, one check every ${interval}, rollback after ${threshold} failed checks.`,
    interval,
    window: interval,
    failureThreshold: threshold,
    inconclusiveLimit: threshold,
    minRequests: base.plan.minRequests,
    traffic: { requests: NGINX_REQUESTS, tracks: { ...NGINX_TRACKS } },
    gates: gates.map((g) => ({ name: g.name, query: g.query, passWhen: g.passWhen, unit: g.unit, threshold: thresholds[g.name], ...(g.description ? { description: g.description } : {}) })),
    phases: weights.map((w) => ({ weight: w, hold: interval })),
  };
  if (!gates.length) return { ok: false, errors: [{ path: 'analysis.metrics', message: 'has neither request-success-rate nor request-duration with a thresholdRange' }] };
  return decodePlan(plan);
}
