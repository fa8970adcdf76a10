// Reading and writing a rollout where it lives: the annotations of its canary Deployment. Writes are
// merge patches carrying the resourceVersion that was read, so a write based on stale knowledge
// fails with 409 Conflict instead of overwriting another cockpit's (or a person's) change.
import type { V1Deployment } from '@kubernetes/client-node';
import type { KubeError } from '../../../clients/kubernetes/kubeErrors';
import { err, ok, type Result } from '../../../core/result';
import { type Lease, parseLease } from '../lease';
import { CHECKS_ANNOTATION, type CheckRecord, decodeChecks, decodeState, encodeChecks, encodeState, LEASE_ANNOTATION, type RolloutState, STATE_ANNOTATION } from '../rolloutState';
import type { RolloutKube } from './ports';

export interface RolloutRecord {
  deployment: V1Deployment;
  resourceVersion: string;
  state: RolloutState;
  lease?: Lease;
  checks: CheckRecord[];
}

export type ReadError = { kind: 'gone' } | { kind: 'unreadable'; why: string } | { kind: 'kube'; error: KubeError };

/** The record in a canary Deployment's annotations. */
export function recordOf(d: V1Deployment): RolloutRecord | { unreadable: string } {
  const a = d.metadata?.annotations ?? {};
  const decoded = decodeState(a[STATE_ANNOTATION]);
  if (!decoded.ok) return { unreadable: decoded.why };
  return { deployment: d, resourceVersion: d.metadata?.resourceVersion ?? '', state: decoded.state, ...(a[LEASE_ANNOTATION] ? { lease: parseLease(a[LEASE_ANNOTATION]) } : {}), checks: decodeChecks(a[CHECKS_ANNOTATION]) };
}

export async function readRecord(kube: RolloutKube, namespace: string, canary: string, signal?: AbortSignal): Promise<Result<RolloutRecord, ReadError>> {
  const r = await kube.get('deployments', namespace, canary, signal);
  if (!r.ok) return err({ kind: 'kube', error: r.error });
  if (!r.value) return err({ kind: 'gone' });
  const rec = recordOf(r.value);
  return 'unreadable' in rec ? err({ kind: 'unreadable', why: rec.unreadable }) : ok(rec);
}

export interface RecordWrite {
  state: RolloutState;
  /** null removes the lease (a driver that stops lets another take over at once). */
  lease?: Lease | null;
  checks?: CheckRecord[];
}

/** Writes the record if the Deployment is still at `resourceVersion`; a Conflict means someone wrote first. */
export async function writeRecord(kube: RolloutKube, namespace: string, canary: string, resourceVersion: string, w: RecordWrite, signal?: AbortSignal): Promise<Result<RolloutRecord, KubeError>> {
  const annotations: Record<string, string | null> = { [STATE_ANNOTATION]: encodeState(w.state) };
  if (w.lease !== undefined) annotations[LEASE_ANNOTATION] = w.lease === null ? null : JSON.stringify(w.lease);
  if (w.checks) annotations[CHECKS_ANNOTATION] = encodeChecks(w.checks);
  const r = await kube.patch('deployments', namespace, canary, { metadata: { resourceVersion, annotations } }, 'merge', signal);
  if (!r.ok) return r;
  const rec = recordOf(r.value);
  return 'unreadable' in rec ? err({ kind: 'invalid', message: rec.unreadable, hint: '' }) : ok(rec);
}
