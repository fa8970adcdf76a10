// The canary panel's charts and table, pure: for each gate the canary against the primary over the
// rollout (from Prometheus range queries), the threshold of each phase as a dashed step line, the
// weight as a step line on the right axis, markers at phase changes and failed checks, and per-check
// hover details (query, value, threshold, requests, verdict).
import type { ChartUnit, Marker, PointDetails, Threshold, TimeChartSpec } from '../../shared/chart/chartSpec';
import type { CheckRow } from '../../shared/canaryPanelProtocol';
import type { CanaryGate } from './canaryPlan';
import type { CheckRecord, RolloutState } from './rolloutState';
import { clockTime, formatCount, formatValue } from './rolloutText';

export type Samples = [number, number][];

export interface GateSeries {
  gate: CanaryGate;
  canary: Samples;
  primary: Samples;
  canaryQuery: string;
  primaryQuery: string;
}

/** Milliseconds are charted as seconds (the chart's time unit); the others map one to one. */
function chartUnit(g: CanaryGate): { unit: ChartUnit; scale: number } {
  switch (g.unit) {
    case 'ratio':
      return { unit: 'ratio', scale: 1 };
    case 'percent':
      return { unit: 'percent', scale: 1 };
    case 'seconds':
      return { unit: 'seconds', scale: 1 };
    case 'milliseconds':
      return { unit: 'seconds', scale: 0.001 };
    case 'number':
      return { unit: 'none', scale: 1 };
  }
}

const sec = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The x axis: every sample time of both series and every check, ascending and unique. */
function xAxis(series: readonly Samples[], checks: readonly CheckRecord[]): number[] {
  const xs = new Set<number>();
  for (const s of series) for (const [t] of s) xs.add(Math.round(t));
  for (const c of checks) xs.add(sec(c.at));
  return [...xs].sort((a, b) => a - b);
}

function align(x: readonly number[], s: Samples, scale: number): Array<number | null> {
  const byT = new Map(s.map(([t, v]) => [Math.round(t), Number.isFinite(v) ? v * scale : null]));
  return x.map((t) => byT.get(t) ?? null);
}

function clipBefore(x: readonly number[], values: Array<number | null>, since: string | undefined): Array<number | null> {
  if (!since) return values;
  const from = sec(since);
  return values.map((v, i) => ((x[i] ?? 0) < from ? null : v));
}

/** The weight at every x: the weight of the latest check at or before it (a step line). */
function weights(x: readonly number[], checks: readonly CheckRecord[], state: RolloutState): Array<number | null> {
  const points = checks.map((c) => [sec(c.at), c.weight] as const);
  if (state.servingSince) points.unshift([sec(state.servingSince), state.plan.phases[0]?.weight ?? 0]);
  points.sort((a, b) => a[0] - b[0]);
  let i = -1;
  return x.map((t) => {
    while (i + 1 < points.length && points[i + 1][0] <= t) i++;
    return i >= 0 ? points[i][1] : null;
  });
}

/** Threshold segments per phase, from the checks (each phase from its first check to the next phase's). */
function thresholdOf(gate: CanaryGate, state: RolloutState, checks: readonly CheckRecord[], endSec: number, scale: number): Threshold {
  const real = checks.filter((c) => c.kind !== 'event');
  const segments: Threshold['segments'] = [];
  for (const c of real) {
    const value = (state.plan.phases[c.phase]?.thresholds[gate.name] ?? Number.NaN) * scale;
    const last = segments.at(-1);
    if (last && last.value === value) last.to = sec(c.at);
    else {
      if (last) last.to = sec(c.at);
      segments.push({ from: sec(c.at), to: sec(c.at), value });
    }
  }
  const last = segments.at(-1);
  if (last) last.to = Math.max(last.to, endSec);
  return { label: `${gate.name} threshold`, segments: segments.filter((s) => Number.isFinite(s.value)) };
}

function markers(state: RolloutState, checks: readonly CheckRecord[]): Marker[] {
  const out: Marker[] = [];
  if (state.servingSince) out.push({ at: sec(state.servingSince), label: `canary serving ${state.plan.phases[0]?.weight ?? 0} %`, kind: 'info' });
  for (const c of checks) {
    if (c.kind === 'fail') out.push({ at: sec(c.at), label: `check failed${c.action ? `: ${c.action}` : ''}`, kind: 'failure' });
    else if (c.action && /advanced to/.test(c.action)) out.push({ at: sec(c.at), label: c.action, kind: 'success' });
    else if (c.kind === 'event' && c.action) out.push({ at: sec(c.at), label: c.action, kind: 'warning' });
  }
  if (state.endedAt) out.push({ at: sec(state.endedAt), label: state.status === 'promoted' ? 'promoted' : state.status === 'rolledBack' ? 'rolled back' : state.status, kind: state.status === 'promoted' ? 'success' : 'failure' });
  return out;
}

export function gateCharts(state: RolloutState, checks: readonly CheckRecord[], series: readonly GateSeries[], nowSec: number): TimeChartSpec[] {
  return series.map((g) => {
    const { unit, scale } = chartUnit(g.gate);
    const x = xAxis([g.canary, g.primary], checks);
    const details: PointDetails[] = checks
      .filter((c) => c.kind !== 'event')
      .map((c) => {
        const v = c.gates.find((r) => r.gate === g.gate.name);
        return {
          at: sec(c.at),
          rows: [
            ['check', `${clockTime(c.at)} · phase ${c.phase + 1} at ${c.weight} %`],
            ['verdict', v ? `${v.kind}: ${v.detail}` : c.kind],
            ['canary', v?.value !== undefined ? formatValue(g.gate.unit, v.value) : '—'],
            ['primary', v?.primary !== undefined ? formatValue(g.gate.unit, v.primary) : '—'],
            ['threshold', v ? `${g.gate.passWhen} ${formatValue(g.gate.unit, v.threshold)}` : '—'],
            ['requests', c.requests !== undefined ? formatCount(c.requests) : '—'],
            ['query', g.canaryQuery],
          ],
        };
      });
    const end = state.endedAt ? sec(state.endedAt) : nowSec;
    const last = checks.filter((c) => c.kind !== 'event').at(-1)?.gates.find((r) => r.gate === g.gate.name);
    return {
      kind: 'time',
      id: `gate-${g.gate.name}`,
      title: `${g.gate.name}: canary against primary`,
      summary: last ? `last check: ${last.detail}` : (g.gate.description ?? ''),
      unit,
      x,
      series: [
        // Canary samples from before this rollout served belong to an earlier canary under the same name.
        { label: 'canary', values: clipBefore(x, align(x, g.canary, scale), state.servingSince), details },
        { label: 'primary', values: align(x, g.primary, scale) },
        { label: 'canary weight', values: weights(x, checks, state), style: 'step', axis: 'right', unit: 'percent' },
      ],
      thresholds: [thresholdOf(g.gate, state, checks, end, scale)],
      markers: markers(state, checks),
      queries: [{ expr: g.canaryQuery }, { expr: g.primaryQuery }],
      emptyText: 'No samples yet: the canary has not served traffic in this rollout.',
    };
  });
}

/** The check table, newest first, every gate's value against its threshold in words. */
export function checkRows(state: RolloutState, checks: readonly CheckRecord[]): CheckRow[] {
  const mark: Record<string, string> = { pass: '✓', fail: '✗', noData: '∅', tooFewRequests: '…', invalid: '?' };
  return [...checks].reverse().map((c) => ({
    time: new Date(c.at).toLocaleTimeString('en-GB'),
    phase: `${c.phase + 1}/${state.plan.phases.length}`,
    weight: `${c.weight} %`,
    kind: c.kind,
    requests: c.requests !== undefined ? formatCount(c.requests) : '',
    gates: state.plan.gates.map((g) => {
      const v = c.gates.find((r) => r.gate === g.name);
      return v ? { text: `${mark[v.kind] ?? ''} ${v.detail}`, kind: v.kind, detail: v.detail } : { text: '', kind: '', detail: '' };
    }),
    action: c.action ?? '',
  }));
}
