// Which of a deployment's pods a pod action offers first: troubled pods (an error state), then the most restarted,
// then by name, so the pod an on-call engineer is after is at the top of the pick. Pure.
import type { PodSummary } from '../workloads/podSummary';

export function orderForPick<T extends Pick<PodSummary, 'name' | 'severity' | 'restarts'>>(pods: readonly T[]): T[] {
  return [...pods].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error') || b.restarts - a.restarts || a.name.localeCompare(b.name));
}
