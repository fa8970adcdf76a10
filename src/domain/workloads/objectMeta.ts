// Small readers of Kubernetes object metadata shared by the workload models: owners, revisions, times.
import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';

export const ANN_REVISION = 'deployment.kubernetes.io/revision';
export const ANN_CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';
export const ANN_RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

interface HasMeta {
  metadata?: V1ObjectMeta;
}

/** The controller owner reference (the one with controller: true), as the garbage collector and kubectl use it. */
export function controllerOf(o: HasMeta): V1OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** deployment.kubernetes.io/revision as a number, or undefined when missing or malformed (kubectl skips those). */
export function revisionOf(o: HasMeta): number | undefined {
  const v = o.metadata?.annotations?.[ANN_REVISION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Epoch ms of a timestamp that may be a Date (typed client) or an RFC 3339 string (raw JSON). */
export function timeMs(t: Date | string | undefined | null): number | undefined {
  if (t === undefined || t === null) return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isFinite(ms) ? ms : undefined;
}

/** kubectl's short age: 45s, 12m, 3h, 5d, 2y (two units below a day: 3h12m). */
export function shortAge(fromMs: number | undefined, nowMs: number): string {
  if (fromMs === undefined) return '<unknown>';
  const s = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** The selector as kubectl prints it: app=x,track=primary (matchExpressions as `key in (a,b)`). */
export function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The short image name for a tree row: last path segment with its tag ("ghcr.io/phoenix/api:1.2" → "api:1.2"). */
export function shortImage(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  return noDigest.slice(noDigest.lastIndexOf('/') + 1);
}
