// The HTML around a chart's canvas: legend (keyboard-operable toggles with the value at the cursor), the hover card,
// the list of events (markers and bands, with their links) and the data-table view.
import type { ChartColumn } from '../../../src/shared/chart/chartColumns';
import { chartTable } from '../../../src/shared/chart/chartColumns';
import { formatTime, formatValue } from '../../../src/shared/chart/chartFormat';
import type { ChartLink, ChartSpec, DetailRow, TimeChartSpec } from '../../../src/shared/chart/chartSpec';
import { el, svg } from '../dom';
import type { ChartTheme } from './chartTheme';
import { EVENT_GLYPH, eventColour } from './chartOverlays';

/** A short line in the series' colour and dash pattern (legend, hover card). */
export function swatch(theme: ChartTheme, c: ChartColumn): SVGSVGElement {
  const shape = c.shape === 'bar' ? svg('rect', { x: '2', y: '3', width: '20', height: '8', fill: theme.colour(c.style), 'fill-opacity': '0.8' }) : svg('line', { x1: '1', y1: '7', x2: '23', y2: '7', stroke: theme.colour(c.style), 'stroke-width': String(Math.max(2, theme.lineWidth)), 'stroke-dasharray': c.style.dash.join(' ') || 'none' });
  return svg('svg', { class: 'phc-swatch', width: '24', height: '14', viewBox: '0 0 24 14', 'aria-hidden': 'true' }, shape);
}

export class Legend {
  readonly root: HTMLElement;
  private readonly items: Array<{ button: HTMLButtonElement; value: HTMLSpanElement; swatchBox: HTMLSpanElement }> = [];

  constructor(
    title: string,
    private readonly columns: ChartColumn[],
    theme: ChartTheme,
    on: { toggle(index: number, shown: boolean): void; focus(index: number | null): void },
  ) {
    this.root = el('div', { class: 'phc-legend', role: 'group', 'aria-label': `Series of ${title}` });
    columns.forEach((c, i) => {
      const swatchBox = el('span', { class: 'phc-swatch-box' }, swatch(theme, c));
      const value = el('span', { class: 'phc-legend-value' });
      const button = el('button', { type: 'button', class: 'phc-legend-item', 'aria-pressed': String(!c.hidden), title: `${c.label} (${c.style.dashName}${c.role === 'threshold' ? '' : ' line'}): click to show or hide` }, swatchBox, el('span', { class: 'phc-legend-label' }, c.label), value);
      button.addEventListener('click', () => {
        const shown = button.getAttribute('aria-pressed') !== 'true';
        button.setAttribute('aria-pressed', String(shown));
        on.toggle(i, shown);
      });
      for (const [ev, idx] of [['mouseenter', i], ['focus', i], ['mouseleave', null], ['blur', null]] as const) button.addEventListener(ev, () => on.focus(idx));
      this.items.push({ button, value, swatchBox });
      this.root.append(button);
    });
  }

  /** The value at the cursor, or each series' last value (marked "last") when nothing is hovered. */
  showValues(index: number | null, last: Array<number | null>): void {
    this.items.forEach((item, i) => {
      const c = this.columns[i];
      if (!c) return;
      // A bar's "last" value means nothing: bars show values only for the hovered group.
      const v = index === null ? (c.shape === 'bar' ? null : last[i]) : c.values[index];
      // A threshold's value is its value, not a "last" sample.
      item.value.textContent = v === null || v === undefined ? (index === null ? '' : 'no data') : `${formatValue(v, c.unit)}${index === null && c.role === 'data' ? ' (last)' : ''}`;
    });
  }

  retheme(theme: ChartTheme): void {
    this.items.forEach((item, i) => {
      const c = this.columns[i];
      if (c) item.swatchBox.replaceChildren(swatch(theme, c));
    });
  }
}

export interface HoverContent {
  heading: string;
  rows: Array<{ column: ChartColumn; value: number | null; details: DetailRow[] }>;
  events: Array<{ glyph: string; text: string; link?: ChartLink }>;
}

/** The hover card's text for one x index (also what the live region announces for keyboard moves). */
export function hoverContent(spec: ChartSpec, columns: ChartColumn[], shown: boolean[], index: number, pxTolerance: (t: number) => boolean): HoverContent {
  if (spec.kind === 'bar') {
    return { heading: spec.categories[index] ?? '', rows: columns.map((c) => ({ column: c, value: c.values[index] ?? null, details: [] as DetailRow[] })).filter((_, i) => shown[i]), events: [] };
  }
  const t = spec.x[index] ?? 0;
  const span = spec.x.length ? (spec.x[spec.x.length - 1] ?? 0) - (spec.x[0] ?? 0) : 0;
  const rows = columns
    .map((c, i) => ({ column: c, value: c.values[index] ?? null, details: c.details.get(t) ?? [], shown: shown[i] }))
    .filter((r) => r.shown && (r.value !== null || r.details.length))
    .map(({ column, value, details }) => ({ column, value, details }));
  const events = [
    ...(spec.bands ?? []).filter((b) => b.from <= t && (b.to === undefined || t <= b.to)).map((b) => ({ glyph: EVENT_GLYPH[b.kind ?? 'failure'], text: b.label, ...(b.link ? { link: b.link } : {}) })),
    ...(spec.markers ?? []).filter((m) => pxTolerance(m.at)).map((m) => ({ glyph: EVENT_GLYPH[m.kind ?? 'info'], text: `${formatTime(m.at, Math.min(span, 3 * 3600))} ${m.label}` })),
  ];
  return { heading: formatTime(t, Math.min(span, 3 * 3600)) + (span > 86_400 ? ` · ${new Date(t * 1000).toLocaleDateString('en')}` : ''), rows, events };
}

export function hoverText(h: HoverContent): string {
  const rows = h.rows.map((r) => `${r.column.label} ${formatValue(r.value, r.column.unit)}${r.details.length ? ` (${r.details.map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`);
  return [h.heading, ...rows, ...h.events.map((e) => e.text)].join('; ');
}

export function renderHover(card: HTMLElement, theme: ChartTheme, h: HoverContent): void {
  const body: Node[] = [el('div', { class: 'phc-tip-head' }, h.heading)];
  for (const r of h.rows) {
    body.push(el('div', { class: 'phc-tip-row' }, swatch(theme, r.column), el('span', { class: 'phc-tip-label' }, r.column.label), el('span', { class: 'phc-tip-value' }, formatValue(r.value, r.column.unit))));
    for (const [k, v] of r.details) body.push(el('div', { class: 'phc-tip-detail' }, el('span', {}, k), el('span', {}, v)));
  }
  for (const e of h.events) body.push(el('div', { class: 'phc-tip-event' }, `${e.glyph} ${e.text}${e.link ? ' — click for the runbook' : ''}`));
  card.replaceChildren(...body);
}

/** Markers and bands as a list under the chart: the same facts as the canvas, as text, with links as buttons. */
export function eventList(spec: TimeChartSpec, theme: ChartTheme, openLink: ((l: ChartLink) => void) | undefined): HTMLElement | undefined {
  const span = spec.x.length ? (spec.x[spec.x.length - 1] ?? 0) - (spec.x[0] ?? 0) : 0;
  const items = [
    ...(spec.bands ?? []).map((b) => ({ at: b.from, kind: b.kind ?? 'failure', text: `${b.label}: ${formatTime(b.from, span)} – ${b.to === undefined ? 'now' : formatTime(b.to, span)}`, link: b.link })),
    ...(spec.markers ?? []).map((m) => ({ at: m.at, kind: m.kind ?? 'info', text: `${formatTime(m.at, span)} ${m.label}`, link: undefined as ChartLink | undefined })),
  ].sort((a, b) => a.at - b.at);
  if (!items.length) return undefined;
  const list = el('ul', { class: 'phc-events', 'aria-label': `Events on ${spec.title}` });
  const LIMIT = 12;
  const render = (all: boolean) => {
    list.replaceChildren(
      ...items.slice(all ? 0 : -LIMIT).map((i) => {
        const glyph = el('span', { class: 'phc-glyph', 'aria-hidden': 'true' }, EVENT_GLYPH[i.kind]);
        glyph.style.color = eventColour(theme, i.kind);
        const li = el('li', {}, glyph, el('span', {}, i.text));
        if (i.link && openLink) {
          const link = i.link;
          const a = el('button', { type: 'button', class: 'phc-link' }, link.title);
          a.addEventListener('click', () => openLink(link));
          li.append(a);
        }
        return li;
      }),
    );
    if (!all && items.length > LIMIT) {
      const more = el('button', { type: 'button', class: 'phc-link' }, `Show all ${items.length} events`);
      more.addEventListener('click', () => render(true));
      list.prepend(el('li', {}, more));
    }
  };
  render(false);
  return list;
}

const PAGE = 200;

/** The data-table view: newest rows first for time charts, pages of 200, a focusable scroll region. */
export function dataTable(spec: ChartSpec): HTMLElement {
  const { header, rows } = chartTable(spec);
  const ordered = spec.kind === 'time' ? [...rows].reverse() : rows;
  const tbody = el('tbody');
  const caption = el('caption', {}, spec.kind === 'time' ? `${spec.title}: ${ordered.length.toLocaleString('en')} samples, newest first` : spec.title);
  const table = el('table', { class: 'phc-table' }, caption, el('thead', {}, el('tr', {}, ...header.map((h, i) => el('th', { scope: 'col', ...(i ? { class: 'phc-num' } : {}) }, h)))), tbody);
  const wrap = el('div', { class: 'phc-table-wrap', tabindex: '0', role: 'region', 'aria-label': `${spec.title} as a table` }, table);
  const more = el('div', { class: 'phc-table-more' });
  let shown = 0;
  const showMore = () => {
    const next = ordered.slice(shown, shown + PAGE);
    for (const r of next) tbody.append(el('tr', {}, ...r.map((v, i) => (i === 0 ? el('th', { scope: 'row' }, v) : el('td', { class: 'phc-num' }, v)))));
    shown += next.length;
    more.replaceChildren();
    if (shown < ordered.length) {
      const button = el('button', { type: 'button', class: 'phc-button' }, `Show ${Math.min(PAGE, ordered.length - shown)} more rows`);
      button.addEventListener('click', () => {
        showMore();
        // Keep the keyboard where the person was: on the next new row's first cell region.
        wrap.focus();
      });
      more.append(el('span', {}, `${shown.toLocaleString('en')} of ${ordered.length.toLocaleString('en')} rows shown (CSV and Copy have all).`), button);
    }
  };
  showMore();
  return el('div', { class: 'phc-table-box' }, wrap, more);
}
