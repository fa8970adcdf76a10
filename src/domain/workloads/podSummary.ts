// What a pod row says at a glance: kubectl's STATUS (CrashLoopBackOff, ImagePullBackOff, Terminating …),
// ready containers, restarts, age, node, and for a pod that is not fine, why. Pure.
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { controllerOf, timeMs } from './objectMeta';

export type PodSeverity = 'ok' | 'pending' | 'error' | 'terminating' | 'done';

export interface ContainerSummary {
  name: string;
  image: string;
  ready: boolean;
  /** running / waiting / terminated (with its reason, e.g. "waiting: CrashLoopBackOff"). */
  state: string;
  reason?: string;
  message?: string;
  restarts: number;
  /** How the previous instance ended, e.g. "Error (exit 1)". */
  lastTermination?: string;
  /** Requests and limits as the spec says them ("100m", "256Mi"): what usage is set against. */
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface PodSummary {
  name: string;
  namespace: string;
  uid: string;
  /** kubectl get pods STATUS column. */
  status: string;
  ready: number;
  total: number;
  restarts: number;
  lastRestartMs?: number;
  createdMs?: number;
  node?: string;
  podIP?: string;
  severity: PodSeverity;
  /** Why the pod is not fine (the waiting/termination reason and message of the first troubled container). */
  problem?: { container: string; reason: string; message: string };
  /** The owning ReplicaSet's uid (controller reference). */
  ownerUid?: string;
  containers: ContainerSummary[];
}

/** Reasons that mean "this will not fix itself soon": shown in red, and they make a deployment degraded. */
const ERROR_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerCannotRun',
  'StartError',
  'Error',
  'OOMKilled',
  'Failed',
  'Evicted',
  'Unknown',
  'DeadlineExceeded',
]);

export function isErrorReason(reason: string): boolean {
  return ERROR_REASONS.has(reason) || reason.startsWith('ExitCode:') || reason.startsWith('Signal:') || reason.startsWith('Init:Error') || reason.startsWith('Init:CrashLoopBackOff') || reason.startsWith('Init:ImagePull') || reason.startsWith('Init:ErrImagePull');
}

export function summarizePod(pod: V1Pod): PodSummary {
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const st = pod.status ?? {};
  const statuses = st.containerStatuses ?? [];
  const total = spec?.containers.length ?? statuses.length;
  let status = st.reason || st.phase || 'Pending';
  let ready = 0;
  let restarts = 0;
  let lastRestartMs: number | undefined;
  let hasRunning = false;

  const init = initStatus(pod);
  if (init) status = init;
  else {
    // Last container first, as kubectl does: the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const finished = timeMs(c.lastState?.terminated?.finishedAt);
      if (finished !== undefined && (lastRestartMs === undefined || finished > lastRestartMs)) lastRestartMs = finished;
      if (c.state?.waiting?.reason) status = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) status = c.state.terminated.reason;
      else if (c.state?.terminated) status = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (status === 'Completed' && hasRunning) status = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  const terminal = st.phase === 'Succeeded' || st.phase === 'Failed';
  if (meta.deletionTimestamp && st.reason === 'NodeLost') status = 'Unknown';
  else if (meta.deletionTimestamp && !terminal) status = 'Terminating';

  const containers = (spec?.containers ?? []).map((c) => ({
    ...containerSummary(c.name, c.image ?? '', statuses.find((s) => s.name === c.name)),
    ...(c.resources ? { resources: { requests: c.resources.requests, limits: c.resources.limits } } : {}),
  }));
  const severity = severityOf(status, ready, total, terminal);
  return {
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
    uid: meta.uid ?? '',
    status,
    ready,
    total,
    restarts,
    lastRestartMs,
    createdMs: timeMs(meta.creationTimestamp),
    node: spec?.nodeName,
    podIP: st.podIP,
    severity,
    problem: severity === 'ok' || severity === 'done' || severity === 'terminating' ? undefined : problemOf(containers, status, st.message),
    ownerUid: controllerOf(pod)?.uid,
    containers,
  };
}

function severityOf(status: string, ready: number, total: number, terminal: boolean): PodSeverity {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (isErrorReason(status) || (terminal && status !== 'Succeeded')) return 'error';
  if (status === 'Running' && ready === total) return 'ok';
  return 'pending';
}

function containerSummary(name: string, image: string, s: V1ContainerStatus | undefined): ContainerSummary {
  if (!s) return { name, image, ready: false, state: 'waiting', reason: 'ContainerCreating', restarts: 0 };
  const last = s.lastState?.terminated;
  const out: ContainerSummary = { name, image, ready: s.ready, state: 'running', restarts: s.restartCount ?? 0 };
  if (s.state?.waiting) {
    out.state = 'waiting';
    out.reason = s.state.waiting.reason;
    out.message = s.state.waiting.message;
  } else if (s.state?.terminated) {
    out.state = 'terminated';
    out.reason = s.state.terminated.reason ?? `ExitCode:${s.state.terminated.exitCode}`;
    out.message = s.state.terminated.message;
  }
  if (last) out.lastTermination = `${last.reason ?? 'Terminated'} (exit ${last.exitCode})`;
  return out;
}

/** The first container that explains the pod's state; a running container that is not ready says so. */
function problemOf(containers: ContainerSummary[], status: string, podMessage: string | undefined): PodSummary['problem'] {
  const troubled = containers.find((c) => c.state !== 'running' && c.reason) ?? containers.find((c) => !c.ready);
  if (!troubled) return { container: '', reason: status, message: podMessage ?? '' };
  if (troubled.state === 'running') return { container: troubled.name, reason: 'NotReady', message: `container ${troubled.name} is running but not ready${troubled.lastTermination ? `; last exit: ${troubled.lastTermination}` : ''}` };
  const message = troubled.message ?? (troubled.lastTermination ? `last exit: ${troubled.lastTermination}` : '');
  return { container: troubled.name, reason: troubled.reason ?? status, message };
}

/** kubectl's Init:… status while init containers run or fail; undefined once they are done. */
function initStatus(pod: V1Pod): string | undefined {
  const inits = pod.status?.initContainerStatuses ?? [];
  const total = pod.spec?.initContainers?.length ?? 0;
  if (!total || pod.status?.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True')) return undefined;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (c.state?.terminated) return `Init:${c.state.terminated.reason || `ExitCode:${c.state.terminated.exitCode}`}`;
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') return `Init:${c.state.waiting.reason}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}
