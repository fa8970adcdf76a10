// Who drives a rollout: a lease kept beside its state on the canary Deployment (holder, renew time,
// duration). Only the holder moves weights; a lease not renewed within its duration may be taken over.
// Writes carry the object's resourceVersion, so two cockpits racing for it cannot both win. Pure.

export interface Lease {
  /** "alice@laptop (window 3f2a…)": who drives, in words a person recognises. */
  holder: string;
  /** ISO times. */
  acquiredAt: string;
  renewedAt: string;
  durationSeconds: number;
}

export type LeaseView = { kind: 'free' } | { kind: 'mine'; lease: Lease } | { kind: 'held'; lease: Lease; expiresInSeconds: number } | { kind: 'expired'; lease: Lease };

export function viewLease(lease: Lease | undefined, me: string, nowMs: number): LeaseView {
  if (!lease) return { kind: 'free' };
  if (lease.holder === me) return { kind: 'mine', lease };
  const renewed = Date.parse(lease.renewedAt);
  // An unreadable renew time is not a live lease of someone else's... but neither is it provably dead: treat it as held for one duration from now.
  if (Number.isNaN(renewed)) return { kind: 'held', lease, expiresInSeconds: lease.durationSeconds };
  const left = (renewed + lease.durationSeconds * 1000 - nowMs) / 1000;
  return left > 0 ? { kind: 'held', lease, expiresInSeconds: left } : { kind: 'expired', lease };
}

/** The lease `me` may write now (taking a free or expired one, renewing its own), or undefined when another holds it. */
export function claimLease(lease: Lease | undefined, me: string, nowMs: number, durationSeconds: number): Lease | undefined {
  const view = viewLease(lease, me, nowMs);
  const now = new Date(nowMs).toISOString();
  switch (view.kind) {
    case 'held':
      return undefined;
    case 'mine':
      return { ...view.lease, renewedAt: now, durationSeconds };
    case 'free':
    case 'expired':
      return { holder: me, acquiredAt: now, renewedAt: now, durationSeconds };
  }
}

/** Reads a lease annotation; anything malformed is no lease at all (and is overwritten by the next claim). */
export function parseLease(text: string | undefined): Lease | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<Lease>;
    if (typeof v.holder === 'string' && v.holder && typeof v.renewedAt === 'string' && typeof v.acquiredAt === 'string' && typeof v.durationSeconds === 'number' && v.durationSeconds > 0) {
      return { holder: v.holder, acquiredAt: v.acquiredAt, renewedAt: v.renewedAt, durationSeconds: v.durationSeconds };
    }
  } catch {
    // fall through
  }
  return undefined;
}
