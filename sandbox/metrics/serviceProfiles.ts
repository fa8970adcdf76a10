// How much traffic each Phoenix service gets and how fast it answers, and the status-code mixes of healthy and -bad pods.

export interface ServiceProfile {
  /** Requests per second for the whole service (all tracks, all replicas): demand does not scale with replicas. */
  rate: number;
  /** Median latency in seconds of a healthy pod. */
  medianSeconds: number;
  /** Spread of the log-normal latency: p95 ≈ median × e^(1.645·sigma). */
  sigma: number;
}

/**
 * Sized so the guides' thresholds mean something: platform-api's p95 (~70 ms, ~86 ms as
 * histogram_quantile interpolates it) passes the canary phase's 100 ms check when healthy and fails
 * the 200 ms one on a -bad or -slow image (~3×); analytics is the slow one but stays below
 * HighLatency's 0.5 s p95 unless it is broken. platform-api serves enough that a 5 % canary gets
 * ~750 requests a minute: a 0.1 % error gate needs that many to mean anything.
 */
export const DEFAULT_PROFILES: Readonly<Record<string, ServiceProfile>> = {
  'platform-api': { rate: 250, medianSeconds: 0.03, sigma: 0.5 },
  // The blue/green pair of guide 000's switch.
  'api-gateway': { rate: 40, medianSeconds: 0.02, sigma: 0.5 },
  controller: { rate: 5, medianSeconds: 0.045, sigma: 0.5 },
  generator: { rate: 8, medianSeconds: 0.06, sigma: 0.5 },
  analytics: { rate: 4, medianSeconds: 0.12, sigma: 0.6 },
  dashboard: { rate: 10, medianSeconds: 0.04, sigma: 0.5 },
  backend: { rate: 12, medianSeconds: 0.035, sigma: 0.5 },
  notification: { rate: 3, medianSeconds: 0.05, sigma: 0.5 },
  frontend: { rate: 15, medianSeconds: 0.025, sigma: 0.5 },
  // A database serves no HTTP: it gets cluster-state metrics only.
  postgres: { rate: 0, medianSeconds: 0.005, sigma: 0.5 },
};

export const FALLBACK_PROFILE: ServiceProfile = { rate: 5, medianSeconds: 0.05, sigma: 0.5 };

/** A -bad pod is this much slower (its whole latency distribution shifts). */
export const BAD_LATENCY_FACTOR = 3;

/** A -slow pod: as slow as a -bad one, without its errors. */
export const SLOW_LATENCY_FACTOR = 3;

export const STATUS_CODES = ['200', '201', '404', '500', '503'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/**
 * Shares per status for a healthy pod: client errors but no 5xx. The counters are deterministic, so
 * any steady 5xx share would put one error into some canary window sooner or later and fail guide
 * 001's 0.1 % gate on a good build; a healthy build here serves none.
 */
export const HEALTHY_MIX: Readonly<Record<StatusCode, number>> = { '200': 0.93, '201': 0.045, '404': 0.025, '500': 0, '503': 0 };

/** A -bad pod: 20 % 5xx. */
export const BAD_MIX: Readonly<Record<StatusCode, number>> = { '200': 0.745, '201': 0.035, '404': 0.02, '500': 0.14, '503': 0.06 };

export { LATENCY_BUCKETS } from './latency';

/** Profiles by service name; overrides from the caller are merged onto the defaults field by field. */
export function resolveProfiles(overrides: Readonly<Record<string, Partial<ServiceProfile>>> = {}, fallback: ServiceProfile = FALLBACK_PROFILE): (service: string) => ServiceProfile {
  const table = new Map<string, ServiceProfile>(Object.entries(DEFAULT_PROFILES));
  for (const [name, p] of Object.entries(overrides)) table.set(name, { ...(table.get(name) ?? fallback), ...p });
  return (service) => table.get(service) ?? fallback;
}
