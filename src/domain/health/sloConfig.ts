// SLOs as data: the workspace file .phoenix/slos.json (schema: schemas/slos.schema.json) or, without one, the
// guides' objectives — guide 000's per-service table (API gateway 99.9 % / p95 100 ms / 0.1 % errors, controller
// 99.5 % / 500 ms / 0.5 %, dashboard 99.5 % / 2 s / 1 %, analytics 99.0 % / 5 s / 1 %) and guide 002's objectives for
// everything else (99.9 % availability, p95 < 200 ms, errors < 0.1 %), over a 30-day window.

export interface ServiceSlo {
  /** The `service` label the metrics carry. */
  service: string;
  /** Restricts the entry to one namespace (absent: any). */
  namespace?: string;
  /** Availability target in percent: the share of requests that must not fail with 5xx. */
  availability: number;
  /** The latency objective: `percentile` % of requests within `thresholdMs`. */
  latency: { percentile: number; thresholdMs: number };
  /** The error rate the service must stay under, in percent (a line on the error chart). */
  maxErrorRatePercent: number;
  /** Where the numbers come from, shown with them. */
  source: string;
}

export interface SloConfig {
  windowDays: number;
  defaults: Omit<ServiceSlo, 'service' | 'namespace'>;
  services: ServiceSlo[];
  /** "the guides' defaults" or the file's path. */
  origin: string;
}

const GUIDE_000 = 'guide 000 (service level objectives)';
const GUIDE_002 = 'guide 002 (service level objectives)';

export const DEFAULT_SLOS: SloConfig = {
  windowDays: 30,
  defaults: { availability: 99.9, latency: { percentile: 95, thresholdMs: 200 }, maxErrorRatePercent: 0.1, source: GUIDE_002 },
  services: [
    { service: 'platform-api', availability: 99.9, latency: { percentile: 95, thresholdMs: 100 }, maxErrorRatePercent: 0.1, source: `${GUIDE_000}: API Gateway` },
    { service: 'controller', availability: 99.5, latency: { percentile: 95, thresholdMs: 500 }, maxErrorRatePercent: 0.5, source: `${GUIDE_000}: Controller` },
    { service: 'dashboard', availability: 99.5, latency: { percentile: 95, thresholdMs: 2000 }, maxErrorRatePercent: 1, source: `${GUIDE_000}: Dashboard` },
    { service: 'analytics', availability: 99.0, latency: { percentile: 95, thresholdMs: 5000 }, maxErrorRatePercent: 1, source: `${GUIDE_000}: Analytics` },
  ],
  origin: "the guides' defaults",
};

/** The objectives of a service: its own entry (namespace-specific first), else the defaults. */
export function sloFor(config: SloConfig, service: string, namespace: string): ServiceSlo {
  const entry = config.services.find((s) => s.service === service && s.namespace === namespace) ?? config.services.find((s) => s.service === service && s.namespace === undefined);
  return entry ?? { service, namespace, ...config.defaults };
}

export type SloParse = { ok: true; config: SloConfig } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function percent(v: unknown, path: string, errors: string[], opts: { min?: number; max?: number; exclusiveMax?: boolean } = {}): number | undefined {
  const min = opts.min ?? 0;
  const max = opts.max ?? 100;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (opts.exclusiveMax ? v >= max : v > max)) {
    errors.push(`${path} must be a number from ${min} to ${opts.exclusiveMax ? 'below ' : ''}${max}${v === undefined ? ' (it is missing)' : `, not ${JSON.stringify(v)}`}`);
    return undefined;
  }
  return v;
}

function objectives(o: Json, path: string, errors: string[], fallback: SloConfig['defaults'] | undefined): Omit<ServiceSlo, 'service' | 'namespace' | 'source'> | undefined {
  const before = errors.length;
  const availability = o.availability === undefined && fallback ? fallback.availability : percent(o.availability, `${path}.availability`, errors, { min: 0, max: 100, exclusiveMax: true });
  let latency = fallback?.latency;
  if (o.latency !== undefined || !fallback) {
    if (!isObj(o.latency)) errors.push(`${path}.latency must be an object like {"percentile": 95, "thresholdMs": 200}`);
    else {
      const p = percent(o.latency.percentile, `${path}.latency.percentile`, errors, { min: 1, max: 100, exclusiveMax: true });
      const t = o.latency.thresholdMs;
      if (typeof t !== 'number' || !(t > 0)) errors.push(`${path}.latency.thresholdMs must be a positive number of milliseconds${t === undefined ? ' (it is missing)' : `, not ${JSON.stringify(t)}`}`);
      else if (p !== undefined) latency = { percentile: p, thresholdMs: t };
    }
  }
  const maxErrorRatePercent = o.maxErrorRatePercent === undefined && fallback ? fallback.maxErrorRatePercent : percent(o.maxErrorRatePercent, `${path}.maxErrorRatePercent`, errors);
  for (const k of Object.keys(o)) if (!['service', 'namespace', 'availability', 'latency', 'maxErrorRatePercent', 'description'].includes(k)) errors.push(`${path}.${k} is not a known field (service, namespace, availability, latency, maxErrorRatePercent, description)`);
  if (errors.length > before || availability === undefined || latency === undefined || maxErrorRatePercent === undefined) return undefined;
  return { availability, latency, maxErrorRatePercent };
}

/** Validates the SLO file's JSON; every problem is named by its path ("services[2].latency.thresholdMs …"). */
export function parseSloFile(text: string, origin: string): SloParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!isObj(json)) return { ok: false, errors: ['the file must hold a JSON object with "services"'] };
  const errors: string[] = [];
  for (const k of Object.keys(json)) if (!['$schema', 'windowDays', 'defaults', 'services'].includes(k)) errors.push(`${k} is not a known field ($schema, windowDays, defaults, services)`);
  let windowDays = DEFAULT_SLOS.windowDays;
  if (json.windowDays !== undefined) {
    const w = json.windowDays;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 365) errors.push(`windowDays must be a whole number of days from 1 to 365, not ${JSON.stringify(w)}`);
    else windowDays = w;
  }
  let defaults = DEFAULT_SLOS.defaults;
  if (json.defaults !== undefined) {
    if (!isObj(json.defaults)) errors.push('defaults must be an object');
    else {
      const d = objectives(json.defaults, 'defaults', errors, DEFAULT_SLOS.defaults);
      if (d) defaults = { ...d, source: origin };
    }
  }
  const services: ServiceSlo[] = [];
  if (json.services !== undefined && !Array.isArray(json.services)) errors.push('services must be a list');
  (Array.isArray(json.services) ? (json.services as unknown[]) : []).forEach((s, i) => {
    const path = `services[${i}]`;
    if (!isObj(s)) {
      errors.push(`${path} must be an object`);
      return;
    }
    if (typeof s.service !== 'string' || !s.service.trim()) errors.push(`${path}.service must name the service (the "service" label of its metrics)`);
    if (s.namespace !== undefined && (typeof s.namespace !== 'string' || !s.namespace)) errors.push(`${path}.namespace must be a namespace name`);
    const o = objectives(s, path, errors, defaults);
    if (o && typeof s.service === 'string' && s.service.trim()) services.push({ service: s.service.trim(), ...(typeof s.namespace === 'string' ? { namespace: s.namespace } : {}), ...o, source: origin });
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, config: { windowDays, defaults, services, origin } };
}

/** The file a person starts from: the guides' objectives, written out. */
export function sloFileTemplate(schemaUrl: string): string {
  const strip = ({ source: _s, ...rest }: Omit<ServiceSlo, 'service'> & { service?: string }) => rest;
  return `${JSON.stringify({ $schema: schemaUrl, windowDays: DEFAULT_SLOS.windowDays, defaults: strip(DEFAULT_SLOS.defaults), services: DEFAULT_SLOS.services.map(strip) }, null, 2)}\n`;
}
