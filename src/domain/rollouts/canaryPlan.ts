// A canary rollout plan as data: ordered phases (traffic weight, hold time, thresholds), the gates
// (PromQL with placeholders, comparator, unit), how often to check, when to give up. Plans are YAML
// in the workspace (.phoenix/rollout-plans/*.yaml); shippedPlans.ts has the guides' plans.

/** How a gate's value passes: `<` means "passes while value < threshold". */
export type Comparator = '<' | '<=' | '>' | '>=';

/** How values are shown: ratio 0.0042 → "0.42 %", seconds 0.142 → "142 ms", percent 99.2 → "99.2 %". */
export type GateUnit = 'ratio' | 'percent' | 'seconds' | 'milliseconds' | 'number';

export interface CanaryGate {
  name: string;
  description?: string;
  /** PromQL with $namespace, $service, $ingress, $deployment, $window and $track (the track's label matcher). */
  query: string;
  passWhen: Comparator;
  unit: GateUnit;
  /**
   * Canary against primary: besides its threshold, the canary may be at most this much worse than the
   * primary over the same window (in the gate's unit; "worse" follows passWhen).
   */
  maxRegression?: number;
}

export interface CanaryPhase {
  /** Canary traffic share in whole percent, 1–100 (ingress-nginx reads canary-weight as an integer). */
  weight: number;
  /** Seconds every check must pass before the next phase. */
  holdSeconds: number;
  /** Threshold per gate name, complete for every gate (inherited from the phase before or the gate's default). */
  thresholds: Record<string, number>;
}

export interface CanaryPlan {
  name: string;
  description?: string;
  /** Where it comes from ("guide 001"), shown in pickers. */
  source?: string;
  intervalSeconds: number;
  /** Query window ($window), seconds. */
  windowSeconds: number;
  /** Failed checks before rollback (Flagger's `threshold`): 1 rolls back at the first failure. */
  failureThreshold: number;
  /** Consecutive checks with no data, too few requests or an unusable value before the rollout fails. */
  inconclusiveLimit: number;
  /** Requests the canary must have served in the window for its gates to mean anything. */
  minRequests: number;
  /** PromQL counting a track's requests over $window. */
  requestsQuery: string;
  /** The label matcher $track expands to for each side. */
  tracks: { canary: string; primary: string };
  /** Canary replicas: a number, or the primary's count. */
  canaryReplicas: number | 'primary';
  gates: CanaryGate[];
  phases: CanaryPhase[];
}

/** The placeholders a gate query may use. */
export const PLACEHOLDERS = ['namespace', 'service', 'ingress', 'deployment', 'window', 'track'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
