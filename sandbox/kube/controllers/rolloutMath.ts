// The deployment controller's arithmetic (deployment/util): surge and unavailability fence posts, new-RS sizing, proportional scaling.
import { ANN_DESIRED_REPLICAS, ANN_MAX_REPLICAS, type Deployment, type IntOrString, type ReplicaSet, specReplicas } from './kinds';

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') !== 'Recreate';
}

/** An int or a percentage of `total`; percentages round up or down as asked (intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(v: IntOrString | undefined, fallback: IntOrString, total: number, roundUp: boolean): number {
  const value = v ?? fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value.trim());
  if (!m) {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge rounds up, maxUnavailable down; if both come out 0, one pod may be unavailable (ResolveFenceposts). */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = specReplicas(d);
  const ru = d.spec.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, '25%', desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable, '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = specReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

export function sumSpecReplicas(rss: readonly ReplicaSet[]): number {
  return rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
}

export function sumStatus(rss: readonly ReplicaSet[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return rss.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);
}

/** How far the new ReplicaSet may grow now without passing replicas + maxSurge (NewRSNewReplicas). */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const desired = specReplicas(d);
  const current = newRS.spec.replicas ?? 0;
  if (!isRollingUpdate(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const total = sumSpecReplicas(allRSs);
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, desired - current);
}

export function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** The desired/max-replicas annotations the controller keeps on every ReplicaSet it scales. */
export function replicasAnnotations(d: Deployment): Record<string, string> {
  return { [ANN_DESIRED_REPLICAS]: String(specReplicas(d)), [ANN_MAX_REPLICAS]: String(specReplicas(d) + maxSurge(d)) };
}

export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = specReplicas(d);
  return (rs.spec.replicas ?? 0) === desired && annotationInt(rs, ANN_DESIRED_REPLICAS) === desired && (rs.status?.availableReplicas ?? 0) === desired;
}

const byCreation = (a: ReplicaSet, b: ReplicaSet): number =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name);

export function oldestFirst(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort(byCreation);
}

/**
 * New sizes for the active ReplicaSets when the deployment is scaled in the middle of a rollout:
 * the extra (or missing) replicas are shared in proportion to each set's size (the real `scale`).
 */
export function proportionalSizes(d: Deployment, active: readonly ReplicaSet[]): { rs: ReplicaSet; size: number; operation: 'up' | 'down' | '' }[] {
  const desired = specReplicas(d);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(active);
  const sorted = [...active].sort((a, b) => {
    const diff = (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0);
    if (diff !== 0) return diff;
    // Same size: grow the newer set first, shrink the older first.
    return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
  });
  const operation: 'up' | 'down' | '' = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  let added = 0;
  const sizes = sorted.map((rs) => {
    const replicas = rs.spec.replicas ?? 0;
    if (toAdd === 0) return { rs, size: replicas, operation };
    const p = proportion(d, rs, toAdd, added);
    added += p;
    return { rs, size: replicas + p, operation };
  });
  const first = sizes[0];
  if (first && toAdd !== 0) first.size = Math.max(0, first.size + (toAdd - added));
  return sizes;
}

function proportion(d: Deployment, rs: ReplicaSet, toAdd: number, added: number): number {
  const replicas = rs.spec.replicas ?? 0;
  if (replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const allowed = toAdd - added;
  const desired = specReplicas(d);
  let fraction: number;
  if (desired === 0) {
    fraction = -replicas;
  } else {
    const maxNow = desired + maxSurge(d);
    let maxBefore = annotationInt(rs, ANN_MAX_REPLICAS) ?? 0;
    if (maxBefore === 0) maxBefore = d.status?.replicas ?? 0;
    fraction = maxBefore > 0 ? Math.round((replicas * maxNow) / maxBefore) - replicas : 0;
  }
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
