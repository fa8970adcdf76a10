// What must hold before a Service's traffic moves to another colour, beyond "all pods Ready": guide 000's
// health check (`curl http://$svc:8080/health | jq .status` — through the API server's service proxy, on the
// colour's own Service) and guide 000's analysis (request success rate ≥ 99 %, duration ≤ 500 ms) on the
// colour's own traffic (its smoke tests before the switch). The rollout plans' ingress-nginx gates cannot
// be used here: an idle colour's requests never pass the Ingress. Fail closed: no answer, a non-2xx answer,
// a body without a healthy status, no data, too few requests or an unusable value all refuse the switch.
// Pure: the reads are in blueGreenActions.ts.
import type { V1Service } from '@kubernetes/client-node';
import type { BlueGreenPair } from './blueGreen';
import type { CanaryGate } from './canaryPlan';
import { formatDuration } from './durations';
import { formatCount, formatValue } from './rolloutText';
import { evaluateCheck, type ScalarReading } from './verdicts';

/** One check of the switch, in words and figures. */
export interface SwitchCheck {
  name: string;
  passed: boolean;
  /** "health: api-gateway-green:8080/health answered 200 {"status":"healthy"}", "error-ratio 20.00 % ≥ 1.00 % (1,204 requests)". */
  detail: string;
}

export type SwitchDecision = { allowed: true; checks: SwitchCheck[] } | { allowed: false; checks: SwitchCheck[]; reason: string };

/** Where the health check goes: the colour's own Service (not the one being switched), its first port, guide 000's path. */
export interface HealthProbe {
  service: string;
  port: number | string;
  path: string;
}

export const HEALTH_PATH = '/health';

/**
 * The Service that selects only this colour's pods (api-gateway-green for green): its selector names the colour
 * and every label of it is on the colour's pod template. The switched Service itself never counts.
 */
export function colourProbe(services: readonly V1Service[], pair: BlueGreenPair, colour: string, templateLabels: Readonly<Record<string, string>>): HealthProbe | { missing: string } {
  const own = services.find((s) => {
    const sel = s.spec?.selector ?? {};
    const keys = Object.keys(sel);
    return s.metadata?.name !== pair.service && sel[pair.key] === colour && keys.length > 0 && keys.every((k) => templateLabels[k] === sel[k]);
  });
  if (!own) return { missing: `no Service selects only the ${colour} pods (${pair.key}=${colour}), so its health endpoint cannot be reached` };
  const port = own.spec?.ports?.[0];
  if (!port) return { missing: `Service ${own.metadata?.name ?? ''} has no port to check ${HEALTH_PATH} on` };
  return { service: own.metadata?.name ?? '', port: port.port ?? port.name ?? '', path: HEALTH_PATH };
}

export type HealthAnswer = { kind: 'answered'; status: number; body: string } | { kind: 'failed'; message: string };

/** Status words that mean healthy (Spring's UP, the guides' "healthy", plain "ok"); anything else is not. */
const HEALTHY = new Set(['healthy', 'ok', 'up', 'pass']);

const shortBody = (body: string): string => {
  const one = body.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
};

/** Guide 000's health check read fail-closed: a 2xx whose status (JSON `status`, or a plain-text body) says healthy. */
export function healthCheck(probe: HealthProbe | { missing: string }, answer: HealthAnswer | undefined): SwitchCheck {
  if ('missing' in probe) return { name: 'health', passed: false, detail: `health: ${probe.missing}` };
  const where = `${probe.service}:${probe.port}${probe.path}`;
  if (!answer) return { name: 'health', passed: false, detail: `health: ${where} was not asked` };
  if (answer.kind === 'failed') return { name: 'health', passed: false, detail: `health: ${where} did not answer: ${answer.message}` };
  const body = shortBody(answer.body);
  let status: string | undefined;
  try {
    const parsed: unknown = JSON.parse(answer.body);
    const s = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { status?: unknown }).status : undefined;
    status = typeof s === 'string' ? s : undefined;
  } catch {
    status = /^[A-Za-z]+$/.test(answer.body.trim()) ? answer.body.trim() : undefined;
  }
  const said = `${where} answered ${answer.status}${body ? ` ${body}` : ' with an empty body'}`;
  if (!(answer.status >= 200 && answer.status < 300)) return { name: 'health', passed: false, detail: `health: ${said}` };
  if (status === undefined) return { name: 'health', passed: false, detail: `health: ${said}, which says no status` };
  if (!HEALTHY.has(status.toLowerCase())) return { name: 'health', passed: false, detail: `health: ${said}: status "${status}" is not healthy` };
  return { name: 'health', passed: true, detail: `health: ${said}` };
}

/** guide 000's analysis on a colour's own series: what is read, over which window, against which thresholds. */
export interface ColourGates {
  windowSeconds: number;
  minRequests: number;
  requestsQuery: string;
  gates: CanaryGate[];
  thresholds: Record<string, number>;
}

const SERIES = 'namespace="$namespace",service="$service",track="$colour"';

export const GUIDE_000_COLOUR_GATES: ColourGates = {
  windowSeconds: 60,
  minRequests: 50,
  requestsQuery: `sum(increase(http_requests_total{${SERIES}}[$window]))`,
  gates: [
    {
      name: 'error-ratio',
      description: 'Share of the colour’s requests answered with a 5xx (guide 000: success rate ≥ 99 %).',
      unit: 'ratio',
      passWhen: '<',
      query: `(sum(rate(http_requests_total{${SERIES},status=~"5.."}[$window])) or vector(0)) / sum(rate(http_requests_total{${SERIES}}[$window]))`,
    },
    {
      name: 'p99-latency',
      description: '99th percentile of the colour’s request duration (guide 000: ≤ 500 ms).',
      unit: 'seconds',
      passWhen: '<=',
      query: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SERIES}}[$window])))`,
    },
  ],
  thresholds: { 'error-ratio': 0.01, 'p99-latency': 0.5 },
};

/** The Prometheus window after time scaling (never below 3 s: a few scrapes must fit in a rate()). */
export function colourWindow(gates: Pick<ColourGates, 'windowSeconds'>, timeScale: number): number {
  return Math.max(3, Math.round(gates.windowSeconds * timeScale));
}

export function colourQuery(query: string, target: { namespace: string; service: string; colour: string }, windowSeconds: number): string {
  const values: Record<string, string> = { namespace: target.namespace, service: target.service, colour: target.colour, window: formatDuration(windowSeconds) };
  return query.replace(/\$([A-Za-z_]\w*)/g, (whole, name: string) => values[name] ?? whole);
}

/** Each gate's verdict on the colour as a check (no data and too few requests never pass). */
export function gateChecks(gates: ColourGates, readings: { requests: ScalarReading; gates: ScalarReading[] }, windowSeconds: number): SwitchCheck[] {
  const r = evaluateCheck(
    gates.gates,
    gates.thresholds,
    gates.minRequests,
    { requests: readings.requests, gates: gates.gates.map((_, i) => ({ canary: readings.gates[i] ?? { kind: 'invalid', why: 'not read' } })) },
    (g, v) => formatValue(g.unit, v),
    formatCount,
  );
  const over = `over ${formatDuration(windowSeconds)}${r.requests !== undefined ? `, ${formatCount(r.requests)} requests` : ''}`;
  return r.verdicts.map((v) => ({ name: v.gate, passed: v.kind === 'pass', detail: `${v.gate}: ${v.detail} (${over})` }));
}

/** Every check must pass; none at all is no evidence and refuses too. */
export function switchDecision(colour: string, checks: readonly SwitchCheck[]): SwitchDecision {
  const failed = checks.filter((c) => !c.passed);
  if (!checks.length) return { allowed: false, checks: [], reason: `${colour} was not checked` };
  if (failed.length) return { allowed: false, checks: [...checks], reason: `${colour} failed ${failed.length} of ${checks.length} checks: ${failed.map((c) => c.detail).join('; ')}` };
  return { allowed: true, checks: [...checks] };
}
