// What one check says, fail closed: a gate passes only on exactly one finite value on the right side
// of its threshold with enough requests behind it. An empty result is "no data"; too few requests is
// its own verdict; NaN, ±Inf, several series, a query error or an unreachable Prometheus are never a pass.
import type { CanaryGate, Comparator } from './canaryPlan';

/** The Prometheus answer the verdicts read (the shape of /api/v1/query's data), or why there is none. */
export type QueryAnswer =
  | { ok: true; data: { resultType: string; result: unknown } }
  | { ok: false; kind: 'unreachable' | 'error'; message: string };

/** One number from an instant query, or why it is not one. */
export type ScalarReading =
  | { kind: 'value'; value: number }
  | { kind: 'noData' }
  | { kind: 'invalid'; why: string }
  | { kind: 'unavailable'; why: string };

export type VerdictKind = 'pass' | 'fail' | 'noData' | 'tooFewRequests' | 'invalid';

export interface GateVerdict {
  gate: string;
  kind: VerdictKind;
  /** The canary's value when there was one (NaN is reported as a reason, not a value). */
  value?: number;
  /** The primary's value over the same window, when read. */
  primary?: number;
  threshold: number;
  /** Words for the table and the reason: "142 ms > 100 ms", "no data: empty result". */
  detail: string;
}

export type CheckKind = 'pass' | 'fail' | 'inconclusive';

export interface CheckResult {
  kind: CheckKind;
  /** Requests the canary served in the window (undefined when they could not be read). */
  requests?: number;
  verdicts: GateVerdict[];
}

function sampleValue(v: unknown): number | undefined {
  // A sample is [time, "value"]; Prometheus writes NaN and ±Inf as "NaN", "+Inf", "-Inf".
  if (!Array.isArray(v) || v.length !== 2 || typeof v[1] !== 'string') return undefined;
  const s = v[1];
  if (s === 'NaN') return Number.NaN;
  if (s === '+Inf' || s === 'Inf') return Number.POSITIVE_INFINITY;
  if (s === '-Inf') return Number.NEGATIVE_INFINITY;
  const n = Number(s);
  return s.trim() !== '' && !Number.isNaN(n) ? n : undefined;
}

/** Reads exactly one number: a scalar, or a vector of exactly one sample. Anything else is not a value. */
export function readScalar(answer: QueryAnswer): ScalarReading {
  if (!answer.ok) return answer.kind === 'unreachable' ? { kind: 'unavailable', why: answer.message } : { kind: 'invalid', why: `query failed: ${answer.message}` };
  const { resultType, result } = answer.data;
  let raw: unknown;
  if (resultType === 'scalar') raw = result;
  else if (resultType === 'vector') {
    if (!Array.isArray(result)) return { kind: 'invalid', why: 'malformed answer' };
    if (result.length === 0) return { kind: 'noData' };
    if (result.length > 1) return { kind: 'invalid', why: `${result.length} series where one was expected (add sum or a label matcher)` };
    raw = (result[0] as { value?: unknown } | undefined)?.value;
  } else return { kind: 'invalid', why: `a ${resultType} where a single value was expected` };
  const n = sampleValue(raw);
  if (n === undefined) return { kind: 'invalid', why: 'malformed sample' };
  if (Number.isNaN(n)) return { kind: 'invalid', why: 'NaN (0/0: nothing to divide)' };
  if (!Number.isFinite(n)) return { kind: 'invalid', why: n === Number.POSITIVE_INFINITY ? '+Inf' : '-Inf' };
  return { kind: 'value', value: n };
}

export function passes(value: number, passWhen: Comparator, threshold: number): boolean {
  switch (passWhen) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/** The comparator that says it failed ("142 ms > 100 ms" for a `<` gate). */
export function failedComparator(passWhen: Comparator): string {
  return { '<': '≥', '<=': '>', '>': '≤', '>=': '<' }[passWhen];
}

/** How much worse the canary is than the primary (positive = worse), in the gate's direction. */
export function regression(gate: Pick<CanaryGate, 'passWhen'>, canary: number, primary: number): number {
  return gate.passWhen === '<' || gate.passWhen === '<=' ? canary - primary : primary - canary;
}

export interface GateInput {
  gate: CanaryGate;
  threshold: number;
  canary: ScalarReading;
  /** Read when the gate compares against the primary (or for the table). */
  primary?: ScalarReading;
  format: (v: number) => string;
}

/** One gate's verdict; `enoughRequests` false makes any readable value "too few requests". */
export function gateVerdict(input: GateInput, requests: { enough: boolean; text: string }): GateVerdict {
  const { gate, threshold, canary, primary, format } = input;
  const base = { gate: gate.name, threshold, ...(primary?.kind === 'value' ? { primary: primary.value } : {}) };
  if (canary.kind === 'unavailable') return { ...base, kind: 'noData', detail: `no data: ${canary.why}` };
  if (canary.kind === 'noData') return { ...base, kind: 'noData', detail: 'no data: the query returned nothing' };
  if (canary.kind === 'invalid') return { ...base, kind: 'invalid', detail: `not a usable value: ${canary.why}` };
  const value = canary.value;
  if (!requests.enough) return { ...base, value, kind: 'tooFewRequests', detail: `too few requests (${requests.text}) for ${format(value)} to mean anything` };
  if (!passes(value, gate.passWhen, threshold)) return { ...base, value, kind: 'fail', detail: `${format(value)} ${failedComparator(gate.passWhen)} ${format(threshold)}` };
  if (gate.maxRegression !== undefined) {
    if (primary?.kind !== 'value') return { ...base, value, kind: 'noData', detail: `no primary value to compare with (${primary?.kind === 'invalid' || primary?.kind === 'unavailable' ? primary.why : 'no data'})` };
    const worse = regression(gate, value, primary.value);
    if (worse > gate.maxRegression) return { ...base, value, kind: 'fail', detail: `${format(value)} is ${format(worse)} worse than the primary's ${format(primary.value)} (allowed ${format(gate.maxRegression)})` };
  }
  return { ...base, value, kind: 'pass', detail: `${format(value)} ${gate.passWhen} ${format(threshold)}` };
}

/** The check as a whole: any failing gate fails it; else anything not passing makes it inconclusive. */
export function checkKind(verdicts: readonly GateVerdict[]): CheckKind {
  if (verdicts.some((v) => v.kind === 'fail')) return 'fail';
  if (verdicts.length === 0 || verdicts.some((v) => v.kind !== 'pass')) return 'inconclusive';
  return 'pass';
}


/** What the driver read from Prometheus for one check, in the plan's gate order. */
export interface CheckReadings {
  requests: ScalarReading;
  gates: { canary: ScalarReading; primary?: ScalarReading }[];
}

/** The whole check: request count first (unreadable = no data for every gate), then each gate at the phase's threshold. */
export function evaluateCheck(
  gates: readonly CanaryGate[],
  thresholds: Readonly<Record<string, number>>,
  minRequests: number,
  readings: CheckReadings,
  format: (gate: CanaryGate, v: number) => string,
  formatCount: (n: number) => string,
): CheckResult {
  const req = readings.requests;
  if (req.kind === 'unavailable' || req.kind === 'invalid') {
    const why = req.kind === 'unavailable' ? `no data: ${req.why}` : `no request count: ${req.why}`;
    const kind: VerdictKind = req.kind === 'unavailable' ? 'noData' : 'invalid';
    return { kind: 'inconclusive', verdicts: gates.map((g) => ({ gate: g.name, kind, threshold: thresholds[g.name] ?? Number.NaN, detail: why })) };
  }
  const count = req.kind === 'value' ? req.value : 0;
  // With no count (no data), count is 0: enough only when the plan requires no requests.
  const enough = count >= minRequests;
  const text = req.kind === 'value' ? `${formatCount(count)} < ${formatCount(minRequests)}` : 'no requests counted';
  const verdicts = gates.map((gate, i) => {
    const r = readings.gates[i] ?? { canary: { kind: 'invalid', why: 'not read' } as ScalarReading };
    const threshold = thresholds[gate.name];
    if (threshold === undefined) return { gate: gate.name, kind: 'invalid' as const, threshold: Number.NaN, detail: 'no threshold for this phase' };
    return gateVerdict({ gate, threshold, canary: r.canary, ...(r.primary ? { primary: r.primary } : {}), format: (v) => format(gate, v) }, { enough, text });
  });
  return { kind: checkKind(verdicts), ...(req.kind === 'value' ? { requests: count } : {}), verdicts };
}
