// The rollout plans shipped with the cockpit, from the operations guides, as the YAML a team would
// keep in .phoenix/rollout-plans/ (the "New Rollout Plan" command writes one there to edit). Their
// gates read ingress-nginx's own series, so they work on a real cluster as on the sandbox.

const NGINX_ERROR_RATIO = `(sum(rate(nginx_ingress_controller_requests{namespace="$namespace",ingress="$ingress",$track,status=~"5.."}[$window])) or vector(0))
  / sum(rate(nginx_ingress_controller_requests{namespace="$namespace",ingress="$ingress",$track}[$window]))`;

const nginxQuantile = (q: number): string =>
  `histogram_quantile(${q}, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{namespace="$namespace",ingress="$ingress",$track}[$window])))`;

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((l) => ' '.repeat(spaces) + l.trim())
    .join('\n');

const TRAFFIC = `traffic:
  # The canary's requests carry ingress-nginx's \`canary\` label (its upstream); the main backend's none.
  requests: sum(increase(nginx_ingress_controller_requests{namespace="$namespace",ingress="$ingress",$track}[$window]))
  tracks:
    canary: 'canary!=""'
    primary: 'canary=""'`;

export const GUIDE_001_PLAN = `# guide 001: NGINX Ingress canary by canary-weight, phases 5 % → 20 % → +20 % every 5 min, automated rollback.
name: guide-001 canary
source: guide 001
description: 5 % for 10 min (error < 0.1 %, p95 < 100 ms), 20 % for 15 min (error < 0.5 %, p95 < 200 ms), then 40/60/80 % for 5 min each with continuous validation; any failing check rolls back.
interval: 1m
window: 1m
failureThreshold: 1
inconclusiveLimit: 10
minRequests: 500
${TRAFFIC}
gates:
  - name: error-ratio
    description: Share of the canary's requests answered with a 5xx.
    unit: ratio
    passWhen: "<"
    maxRegression: 0.001
    query: |
${indent(NGINX_ERROR_RATIO, 6)}
  - name: p95-latency
    description: 95th percentile of the canary's request duration.
    unit: seconds
    passWhen: "<"
    query: ${nginxQuantile(0.95)}
phases:
  - weight: 5
    hold: 10m
    thresholds: { error-ratio: 0.001, p95-latency: 0.1 }
  - weight: 20
    hold: 15m
    thresholds: { error-ratio: 0.005, p95-latency: 0.2 }
  - { weight: 40, hold: 5m }
  - { weight: 60, hold: 5m }
  - { weight: 80, hold: 5m }
`;

export const GUIDE_002_PLAN = `# guide 002: 5 % → 25 % → 50 % → 100 %, 30 minutes each, automatic rollback on an error-rate increase.
name: guide-002 canary
source: guide 002
description: 5, 25, 50 and 100 % of traffic for 30 minutes each; rolls back when the canary's error ratio rises above 1 % or above the primary's by more than 0.5 points.
interval: 1m
window: 5m
failureThreshold: 1
inconclusiveLimit: 15
minRequests: 500
${TRAFFIC}
gates:
  - name: error-ratio
    description: Share of the canary's requests answered with a 5xx, against the primary's.
    unit: ratio
    passWhen: "<"
    threshold: 0.01
    maxRegression: 0.005
    query: |
${indent(NGINX_ERROR_RATIO, 6)}
phases:
  - { weight: 5, hold: 30m }
  - { weight: 25, hold: 30m }
  - { weight: 50, hold: 30m }
  - { weight: 100, hold: 30m }
`;

export const GUIDE_000_FLAGGER_PLAN = `# guide 000: Flagger's analysis (interval 1m, threshold 5, maxWeight 50, stepWeight 10) run by the cockpit.
name: guide-000 Flagger analysis
source: guide 000
description: 10 % steps to 50 %, one check a minute; request success rate ≥ 99 % and p99 duration ≤ 500 ms; rolls back after 5 failed checks.
interval: 1m
window: 1m
failureThreshold: 5
inconclusiveLimit: 5
minRequests: 100
${TRAFFIC}
gates:
  - name: request-success-rate
    description: Flagger's request-success-rate, percent of non-5xx responses.
    unit: percent
    passWhen: ">="
    threshold: 99
    query: |
      100 - 100 * (
${indent(NGINX_ERROR_RATIO, 8)}
      )
  - name: request-duration
    description: Flagger's request-duration, the 99th percentile in milliseconds.
    unit: milliseconds
    passWhen: "<="
    threshold: 500
    query: 1000 * ${nginxQuantile(0.99)}
phases:
  - { weight: 10, hold: 1m }
  - { weight: 20, hold: 1m }
  - { weight: 30, hold: 1m }
  - { weight: 40, hold: 1m }
  - { weight: 50, hold: 1m }
`;

export interface ShippedPlan {
  /** File name it is written under by "New Rollout Plan". */
  file: string;
  yaml: string;
}

/** The default first. */
export const SHIPPED_PLANS: readonly ShippedPlan[] = [
  { file: 'guide-001-canary.yaml', yaml: GUIDE_001_PLAN },
  { file: 'guide-002-canary.yaml', yaml: GUIDE_002_PLAN },
  { file: 'guide-000-flagger.yaml', yaml: GUIDE_000_FLAGGER_PLAN },
];
