// Reads a rollout plan from YAML (or JSON) into a CanaryPlan, or says what is wrong: every error names
// the field ("phases[1].weight") and, for the editor, where it is. Unknown fields are errors (a typo
// like `hold_time` must not silently mean "no hold"). Pure; the JSON schema in schemas/ mirrors it.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { type CanaryGate, type CanaryPhase, type CanaryPlan, type Comparator, type GateUnit, PLACEHOLDERS } from './canaryPlan';
import { parseDuration } from './durations';

export interface PlanError {
  /** "phases[1].weight", "" for the document itself. */
  path: string;
  message: string;
  /** 1-based line and column of the offending value, when known. */
  line?: number;
  column?: number;
}

export type PlanResult = { ok: true; plan: CanaryPlan } | { ok: false; errors: PlanError[] };

/** ingress-nginx: the canary's requests carry a `canary` label, the main backend's none. */
export const NGINX_TRACKS = { canary: 'canary!=""', primary: 'canary=""' } as const;
export const NGINX_REQUESTS = 'sum(increase(nginx_ingress_controller_requests{namespace="$namespace",ingress="$ingress",$track}[$window]))';

const COMPARATORS: readonly Comparator[] = ['<', '<=', '>', '>='];
const UNITS: readonly GateUnit[] = ['ratio', 'percent', 'seconds', 'milliseconds', 'number'];
const GATE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

type Path = (string | number)[];
type Json = Record<string, unknown>;

const pathText = (p: Path): string => p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

class Reader {
  readonly errors: PlanError[] = [];
  constructor(
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter | undefined,
  ) {}

  error(path: Path, message: string): void {
    const at = this.position(path);
    this.errors.push({ path: pathText(path), message, ...at });
  }

  private position(path: Path): { line?: number; column?: number } {
    if (!this.doc || !this.lines) return {};
    // The value's node, or the nearest parent that exists (a missing field points at its parent).
    for (let p = path; p.length >= 0; p = p.slice(0, -1)) {
      const node = p.length ? this.doc.getIn(p, true) : this.doc.contents;
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) {
        const { line, col } = this.lines.linePos(range[0]);
        return { line, column: col };
      }
      // Stryker disable next-line ConditionalExpression: equivalent — the document's own node always has a range (an empty document is refused before), so the loop returns before it gets here.
      if (!p.length) break;
    }
    return {};
  }

  object(v: unknown, path: Path, keys: readonly string[]): Json | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.error(path, `${path.length ? 'must be' : 'the plan must be'} a mapping (key: value)`);
      return undefined;
    }
    for (const k of Object.keys(v)) if (!keys.includes(k)) this.error([...path, k], `unknown field "${k}" (known: ${keys.join(', ')})`);
    return v as Json;
  }

  string(o: Json, key: string, path: Path, required: boolean): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.error([...path, key], 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || !v.trim()) {
      this.error([...path, key], 'must be a non-empty string');
      return undefined;
    }
    return v.trim();
  }

  number(o: Json, key: string, path: Path, opts: { required?: boolean; min?: number; max?: number; integer?: boolean; fallback?: number }): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (opts.required) this.error([...path, key], 'is required');
      return opts.fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.error([...path, key], `must be a number, not ${JSON.stringify(v)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) this.error([...path, key], `must be a whole number, not ${v}`);
    else if (opts.min !== undefined && v < opts.min) this.error([...path, key], `must be at least ${opts.min}, not ${v}`);
    else if (opts.max !== undefined && v > opts.max) this.error([...path, key], `must be at most ${opts.max}, not ${v}`);
    else return v;
    return undefined;
  }

  duration(o: Json, key: string, path: Path, required: boolean, fallback?: number): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.error([...path, key], 'is required (a duration like 30s, 5m, 1h)');
      return fallback;
    }
    const s = parseDuration(v);
    if (s === undefined || s <= 0) {
      this.error([...path, key], `must be a duration like 30s, 5m or 1h, not ${JSON.stringify(v)}`);
      return undefined;
    }
    return s;
  }

  oneOf<T extends string>(o: Json, key: string, path: Path, allowed: readonly T[], fallback?: T): T | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (fallback === undefined) this.error([...path, key], `is required (one of ${allowed.map((a) => JSON.stringify(a)).join(', ')})`);
      return fallback;
    }
    if (!allowed.includes(v as T)) {
      this.error([...path, key], `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, not ${JSON.stringify(v)}`);
      return undefined;
    }
    return v as T;
  }

  query(q: string, path: Path): void {
    for (const m of q.matchAll(/\$([A-Za-z_]\w*)/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) this.error(path, `unknown placeholder $${m[1]} (known: ${PLACEHOLDERS.map((p) => `$${p}`).join(', ')})`);
    }
  }
}

export const TOP_KEYS = ['name', 'description', 'source', 'interval', 'window', 'failureThreshold', 'inconclusiveLimit', 'minRequests', 'canaryReplicas', 'traffic', 'gates', 'phases'] as const;
export const GATE_KEYS = ['name', 'description', 'query', 'passWhen', 'unit', 'threshold', 'maxRegression'] as const;
export const PHASE_KEYS = ['weight', 'hold', 'thresholds'] as const;

/** Parses a plan from YAML (JSON is YAML too). */
export function parsePlan(text: string): PlanResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        // Without prettyErrors the parser leaves linePos unset: the line counter places the error (else the editor shows it on line 1).
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        return { path: '', message: `YAML: ${e.message.split('\n')[0]}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
      }),
    };
  }
  if (doc.contents === null) return { ok: false, errors: [{ path: '', message: 'the plan is empty' }] };
  return decodePlan(doc.toJS() as unknown, new Reader(doc, lines));
}

/** Decodes an already-parsed value (a plan imported from a Flagger Canary, a state annotation). */
export function decodePlan(value: unknown, reader = new Reader(undefined, undefined)): PlanResult {
  const r = reader;
  const o = r.object(value, [], TOP_KEYS);
  if (!o) return { ok: false, errors: r.errors };
  const name = r.string(o, 'name', [], true);
  const description = r.string(o, 'description', [], false);
  const source = r.string(o, 'source', [], false);
  const interval = r.duration(o, 'interval', [], true);
  const window = r.duration(o, 'window', [], false, interval);
  const failureThreshold = r.number(o, 'failureThreshold', [], { min: 1, integer: true, fallback: 1 });
  const inconclusiveLimit = r.number(o, 'inconclusiveLimit', [], { min: 1, integer: true, fallback: 10 });
  const minRequests = r.number(o, 'minRequests', [], { min: 0, integer: true, fallback: 0 });
  let canaryReplicas: number | 'primary' | undefined = 'primary';
  // An empty `canaryReplicas:` (null) is not written, as for every other field: it was read as a number that is
  // missing and the plan refused as "incomplete", naming no field.
  if (o.canaryReplicas !== undefined && o.canaryReplicas !== null && o.canaryReplicas !== 'primary') canaryReplicas = r.number(o, 'canaryReplicas', [], { min: 1, integer: true });

  let requestsQuery: string | undefined = NGINX_REQUESTS;
  let tracks: { canary: string; primary: string } | undefined = { ...NGINX_TRACKS };
  if (o.traffic !== undefined) {
    const t = r.object(o.traffic, ['traffic'], ['requests', 'tracks']);
    if (t) {
      requestsQuery = r.string(t, 'requests', ['traffic'], false) ?? NGINX_REQUESTS;
      r.query(requestsQuery, ['traffic', 'requests']);
      if (t.tracks !== undefined) {
        const tr = r.object(t.tracks, ['traffic', 'tracks'], ['canary', 'primary']);
        const canary = tr && r.string(tr, 'canary', ['traffic', 'tracks'], true);
        const primary = tr && r.string(tr, 'primary', ['traffic', 'tracks'], true);
        tracks = canary && primary ? { canary, primary } : undefined;
      }
    }
  }

  const gates: CanaryGate[] = [];
  const defaults = new Map<string, number>();
  if (!Array.isArray(o.gates) || o.gates.length === 0) r.error(['gates'], 'must list at least one gate');
  else {
    o.gates.forEach((g: unknown, i: number) => {
      const path = ['gates', i];
      const go = r.object(g, path, GATE_KEYS);
      if (!go) return;
      const gname = r.string(go, 'name', path, true);
      if (gname && !GATE_NAME.test(gname)) r.error([...path, 'name'], `must be lower-case letters, digits and dashes, not ${JSON.stringify(gname)}`);
      if (gname && gates.some((x) => x.name === gname)) r.error([...path, 'name'], `"${gname}" is used by another gate`);
      const query = r.string(go, 'query', path, true);
      if (query) r.query(query, [...path, 'query']);
      const passWhen = r.oneOf(go, 'passWhen', path, COMPARATORS);
      const unit = r.oneOf(go, 'unit', path, UNITS, 'number');
      const threshold = r.number(go, 'threshold', path, {});
      const maxRegression = r.number(go, 'maxRegression', path, { min: 0 });
      const gdesc = r.string(go, 'description', path, false);
      if (gname && query && passWhen && unit) {
        gates.push({ name: gname, query, passWhen, unit, ...(gdesc ? { description: gdesc } : {}), ...(maxRegression !== undefined ? { maxRegression } : {}) });
        if (threshold !== undefined) defaults.set(gname, threshold);
      }
    });
  }

  const phases: CanaryPhase[] = [];
  if (!Array.isArray(o.phases) || o.phases.length === 0) r.error(['phases'], 'must list at least one phase');
  else {
    let previous: Record<string, number> = Object.fromEntries(defaults);
    let lastWeight = 0;
    o.phases.forEach((p: unknown, i: number) => {
      const path = ['phases', i];
      const po = r.object(p, path, PHASE_KEYS);
      if (!po) return;
      // ingress-nginx reads canary-weight as a whole number: "10.5" would not be a weight at all.
      const weight = r.number(po, 'weight', path, { required: true, min: 1, max: 100, integer: true });
      if (weight !== undefined && weight <= lastWeight) r.error([...path, 'weight'], `must be more than the phase before (${lastWeight} %), not ${weight} %`);
      const hold = r.duration(po, 'hold', path, true);
      const thresholds: Record<string, number> = { ...previous };
      if (po.thresholds !== undefined) {
        const to = r.object(po.thresholds, [...path, 'thresholds'], gates.map((g) => g.name));
        for (const [k, v] of Object.entries(to ?? {})) {
          if (!gates.some((g) => g.name === k)) continue;
          if (typeof v !== 'number' || !Number.isFinite(v)) r.error([...path, 'thresholds', k], `must be a number, not ${JSON.stringify(v)}`);
          else thresholds[k] = v;
        }
      }
      for (const g of gates) if (thresholds[g.name] === undefined) r.error([...path, 'thresholds'], `has no threshold for gate "${g.name}" (set it here, in an earlier phase, or as the gate's threshold)`);
      if (weight !== undefined && hold !== undefined) phases.push({ weight, holdSeconds: hold, thresholds });
      previous = thresholds;
      if (weight !== undefined) lastWeight = weight;
    });
  }

  if (r.errors.length || !name || interval === undefined || window === undefined || failureThreshold === undefined || inconclusiveLimit === undefined || minRequests === undefined || canaryReplicas === undefined || !requestsQuery || !tracks) {
    // Stryker disable next-line ArrayDeclaration,StringLiteral: equivalent — unreachable: every field left undefined above has been reported as an error; the fallback is for the type checker.
    return { ok: false, errors: r.errors.length ? r.errors : [{ path: '', message: 'the plan is incomplete' }] };
  }
  return {
    ok: true,
    plan: {
      name,
      ...(description ? { description } : {}),
      ...(source ? { source } : {}),
      intervalSeconds: interval,
      windowSeconds: window,
      failureThreshold,
      inconclusiveLimit,
      minRequests,
      requestsQuery,
      tracks,
      canaryReplicas,
      gates,
      phases,
    },
  };
}

/** "phases[1].weight (line 12): must be more than …" — one line per error. */
export function planErrorText(e: PlanError): string {
  const where = e.path ? `${e.path}${e.line ? ` (line ${e.line})` : ''}` : e.line ? `line ${e.line}` : 'plan';
  return `${where}: ${e.message}`;
}
