// The simulated cluster's clock and the durations of its simulated world (pod start, readiness, crash, back-off), scaled by timeScale.

/** Wall-clock time, except while the seed writes history "in the past" (it pins the clock to older dates). */
export class SimClock {
  private pinned: number | undefined;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.pinned ?? Date.now();
  }

  /** Pins the clock (seeding only); `undefined` returns to wall-clock time. */
  pin(ms: number | undefined): void {
    this.pinned = ms;
  }
}

/** Base durations in seconds at timeScale 1. Durations set in specs (progressDeadlineSeconds, minReadySeconds) are never scaled. */
export const BASE_SECONDS = {
  /** pod created → bound to a node */
  schedule: 0.05,
  /** bound → image pull starts */
  pullStart: 0.1,
  /** pull started → container running */
  pull: 0.45,
  /** container running → readiness probe passes (so a pod is Ready ~1.5 s after creation) */
  ready: 0.9,
  /** a container of a run-to-completion pod (restartPolicy Never/OnFailure, e.g. a Job's) runs this long after ready, then exits 0 */
  runToCompletion: 1.5,
  /** a crash-looping container runs this long before exiting with code 1 */
  crashAfter: 1.0,
  /** exit → the kubelet reports CrashLoopBackOff */
  crashNoticed: 0.3,
  /** a failed pull → ImagePullBackOff */
  pullFailed: 0.5,
  /** first restart / pull back-off; doubles each time up to backoffMax (as the kubelet's 10 s … 5 min) */
  backoffBase: 10,
  backoffMax: 300,
  /** deletionTimestamp set → the pod is gone (capped by terminationGracePeriodSeconds) */
  graceful: 0.5,
} as const;

export type DurationName = keyof typeof BASE_SECONDS;

export class SimTiming {
  constructor(readonly timeScale = 1) {}

  /** A named duration in milliseconds. */
  ms(name: DurationName): number {
    return BASE_SECONDS[name] * 1000 * this.timeScale;
  }

  /** The n-th back-off (n = 0 for the first): base × 2ⁿ, capped. */
  backoffMs(n: number): number {
    const s = Math.min(BASE_SECONDS.backoffMax, BASE_SECONDS.backoffBase * 2 ** Math.min(n, 20));
    return s * 1000 * this.timeScale;
  }

  /** The back-off as the kubelet prints it in messages ("back-off 40s"), unscaled like the real one. */
  backoffLabel(n: number): string {
    const s = Math.min(BASE_SECONDS.backoffMax, BASE_SECONDS.backoffBase * 2 ** Math.min(n, 20));
    return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : '0s'}` : `${s}s`;
  }
}

/** Kubernetes metadata/status time: RFC 3339 in whole seconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
