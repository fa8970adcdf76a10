// Turns a plan's PromQL into the queries sent for one rollout and one track: placeholders filled with
// the rollout's names, $window with the (time-scaled) window, $track with the track's label matcher.
import type { CanaryPlan, Placeholder } from './canaryPlan';
import { formatDuration } from './durations';

export type Track = 'canary' | 'primary';

/** What the placeholders of one rollout stand for. */
export interface QueryTarget {
  namespace: string;
  /** The Service the main Ingress routes to. */
  service: string;
  /** The main Ingress (ingress-nginx labels requests with it, canary or not). */
  ingress: string;
  /** The primary deployment. */
  deployment: string;
}

/** Prometheus needs a few scrapes inside a rate() window: a scaled window never goes below this. */
export const MIN_WINDOW_SECONDS = 3;

/** The query window after time scaling, in whole seconds. */
export function scaledWindow(plan: Pick<CanaryPlan, 'windowSeconds'>, timeScale: number): number {
  return Math.max(MIN_WINDOW_SECONDS, Math.round(plan.windowSeconds * timeScale));
}

export function expandQuery(query: string, target: QueryTarget, track: Track, plan: Pick<CanaryPlan, 'tracks' | 'windowSeconds'>, timeScale: number): string {
  const values: Record<Placeholder, string> = {
    namespace: target.namespace,
    service: target.service,
    ingress: target.ingress,
    deployment: target.deployment,
    window: formatDuration(scaledWindow(plan, timeScale)),
    track: plan.tracks[track],
  };
  return query.replace(/\$([A-Za-z_]\w*)/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}
