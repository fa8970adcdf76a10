// The notebook renderer of runbook results: SQL tables, PromQL tables and charts, HTTP responses.
import { labelKeys, promqlChart } from '../../src/shared/chart/promqlChart';
import type { HttpResultPayload, PromqlResultPayload, RunbookOutputPayload, SqlResultPayload } from '../../src/shared/runbookOutput';
import type { OutputItem, OutputRenderer, RendererContext } from '../rendererApi';
import { CHART_CSS } from '../shared/chart/chartStyles';
import { ChartView } from '../shared/chart/chartView';
import { el, ms, plural } from '../shared/dom';
import { rendererChartHost } from './rendererChartHost';
import styles from './styles.css';
import { table } from './table';

const charts = new Map<string, { destroy(): void }>();

function injectStyles(): void {
  if (document.getElementById('phx-runbook-styles')) return;
  document.head.append(el('style', { id: 'phx-runbook-styles' }, `${CHART_CSS}\n${styles}`));
}

let host: ReturnType<typeof rendererChartHost> | undefined;

export function activate(ctx: RendererContext<unknown>): OutputRenderer {
  host = rendererChartHost(ctx);
  return {
    renderOutputItem(item: OutputItem, element: HTMLElement) {
      injectStyles();
      charts.get(item.id)?.destroy();
      charts.delete(item.id);
      let payload: RunbookOutputPayload;
      try {
        payload = item.json() as RunbookOutputPayload;
      } catch (e) {
        element.replaceChildren(el('div', { class: 'phx-out phx-empty' }, `This result could not be read: ${String(e)}`));
        return;
      }
      const root = el('div', { class: 'phx-out' });
      element.replaceChildren(root);
      if (payload.kind === 'sql') renderSql(root, payload);
      else if (payload.kind === 'promql') renderPromql(root, payload, item.id);
      else if (payload.kind === 'http') renderHttp(root, payload);
    },
    disposeOutputItem(id?: string) {
      for (const [key, c] of charts) {
        if (id === undefined || key === id) {
          c.destroy();
          charts.delete(key);
        }
      }
    },
  };
}

/** The line above a result; each part its own flex item so the gaps show. */
function summary(...parts: Array<Node | string>): HTMLElement {
  return el('div', { class: 'phx-summary' }, ...parts.map((p) => (typeof p === 'string' ? el('span', {}, p) : p)));
}

function renderSql(root: HTMLElement, p: SqlResultPayload): void {
  const count = p.rowCount ?? p.rows.length;
  const rows = p.truncated ? `the first ${plural(p.rows.length, 'row')} (more not fetched: row cap)` : p.columns.length ? plural(count, 'row') : `${plural(count, 'row')} affected`;
  root.append(summary(el('span', { class: 'phx-title' }, p.command || 'Result'), rows, ms(p.durationMs)));
  if (p.columns.length) root.append(table(p.columns, p.rows, p.omittedRows, `${p.command || 'Query'} result`));
}

function renderPromql(root: HTMLElement, p: PromqlResultPayload, id: string): void {
  const head = summary(el('span', { class: 'phx-title' }, p.range ? 'range query' : 'instant query'), el('code', {}, p.expr.length > 120 ? `${p.expr.slice(0, 117)}…` : p.expr));
  root.append(head);
  if (p.scalar !== undefined) {
    head.append(el('span', {}, ms(p.durationMs)));
    root.append(el('div', { class: 'phx-scalar' }, p.scalar));
    return;
  }
  head.append(...[plural(p.series.length, 'series'), ...(p.range ? [`step ${p.range.stepSeconds} s`] : []), ms(p.durationMs)].map((t) => el('span', {}, t)));
  if (!p.series.length) {
    root.append(el('div', { class: 'phx-empty' }, 'No data: the query matched no series.'));
    return;
  }
  const keys = labelKeys(p.series);
  if (p.range && host) {
    // The line above already shows the query, its series count and step: the chart's title only names it.
    const title = p.series.length === 1 ? 'Range query chart' : `Range query chart, ${plural(p.series.length, 'series')}`;
    const box = el('div', { class: 'phx-chart' });
    root.append(box);
    charts.set(id, new ChartView(box, promqlChart({ id, title, expr: p.expr, series: p.series }), host, { height: 240, headingLevel: 4 }));
  }
  const valueCols = p.range ? ['last', 'min', 'max'] : ['value'];
  const rows = p.series.map((s) => {
    const vals = s.values.map((v) => v[1]).filter((v): v is number => v !== null);
    const fmt = (v: number | undefined) => (v === undefined ? null : Number(v.toPrecision(6)));
    const nums = p.range ? [fmt(vals[vals.length - 1]), fmt(vals.length ? Math.min(...vals) : undefined), fmt(vals.length ? Math.max(...vals) : undefined)] : [fmt(vals[0])];
    return [...keys.map((k) => s.labels[k] ?? null), ...nums];
  });
  root.append(table([...keys.map((k) => ({ name: k === '__name__' ? 'metric' : k, type: 'label' })), ...valueCols.map((c) => ({ name: c, type: 'value' }))], rows, 0, p.range ? 'Series summary' : 'Instant query result'));
}

function renderHttp(root: HTMLElement, p: HttpResultPayload): void {
  const cls = p.status < 300 ? 'ok' : p.status >= 400 ? 'bad' : 'other';
  root.append(summary(el('span', { class: `phx-status ${cls}` }, `${p.status} ${p.statusText}`), el('code', {}, `${p.method} ${p.url}`), ms(p.durationMs)));
  root.append(el('details', {}, el('summary', {}, `${plural(p.headers.length, 'header')}`), el('div', { class: 'phx-body' }, p.headers.map(([k, v]) => `${k}: ${v}`).join('\n'))));
  if (p.bodyKind === 'empty') root.append(el('div', { class: 'phx-empty' }, 'Empty body.'));
  else root.append(el('pre', { class: 'phx-body' }, p.body));
  if (p.omittedBytes > 0) root.append(el('div', { class: 'phx-more' }, `${p.omittedBytes.toLocaleString()} more bytes of the body were not kept.`));
}
