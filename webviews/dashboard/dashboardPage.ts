// The page of the dashboard panels (cost, service health): title and range picker, key figures, notices, and
// sections of charts and tables. It draws the state the extension sends and keeps each chart's instance between
// refreshes (new data, same plot), so hover, zoom, hidden series and open tables survive a live update.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ChartSpec } from '../../src/shared/chart/chartSpec';
import type { Cell, DashboardSection, DashboardState, DashboardTable, Figure, FromDashboardView, Notice, Tone, ToDashboardView } from '../../src/shared/dashboardProtocol';
import { adoptChartStyles } from '../shared/chart/chartStyles';
import { ChartView } from '../shared/chart/chartView';
import { el } from '../shared/dom';
import { PanelConnection } from '../shared/panelConnection';
import css from './dashboard.css';

const TONE_GLYPH: Record<Tone, string> = { good: '✓', warning: '▲', bad: '✗', neutral: '' };

interface PageState {
  range?: string;
}

export function startDashboard(): void {
  adoptChartStyles(css);
  const title = el('h1', { class: 'dash-title' }, 'Loading…');
  const subtitle = el('div', { class: 'dash-subtitle' });
  const range = el('vscode-single-select', { id: 'range', label: 'Time range' });
  const refresh = el('vscode-button', { id: 'refresh', secondary: '', title: 'Fetch the data again now' }, 'Refresh');
  const updated = el('span', { class: 'dash-updated', id: 'updated' });
  const toolbar = el('div', { class: 'dash-toolbar' }, el('label', { class: 'dash-range-label', for: 'range' }, 'Range'), range, refresh, updated);
  const notices = el('div', { class: 'dash-notices', role: 'status' });
  const figures = el('div', { class: 'dash-figures', role: 'list', 'aria-label': 'Key figures' });
  const sections = el('div', { class: 'dash-sections' });
  document.body.append(el('header', { class: 'dash-header' }, el('div', {}, title, subtitle), toolbar), notices, figures, sections);

  const charts = new Map<string, ChartView>();
  let current: DashboardState | undefined;
  let rangeOptions = '';

  const conn: PanelConnection<ToDashboardView, FromDashboardView, PageState> = new PanelConnection<ToDashboardView, FromDashboardView, PageState>({
    state: (s) => render(s),
    busy: ({ busy }) => {
      document.body.classList.toggle('dash-busy', busy);
      refresh.toggleAttribute('disabled', busy);
    },
  });
  const host = conn.chartHost();

  range.addEventListener('change', () => {
    const value = (range as unknown as { value: string }).value;
    if (!value || value === current?.range.id) return;
    conn.pageState = { ...conn.pageState, range: value };
    conn.send('setRange', { range: value });
  });
  refresh.addEventListener('click', () => conn.send('refresh', {}));

  function render(s: DashboardState): void {
    current = s;
    title.textContent = s.title;
    document.title = s.title;
    subtitle.textContent = s.subtitle;
    const options = JSON.stringify(s.range.options);
    if (options !== rangeOptions) {
      rangeOptions = options;
      range.replaceChildren(...s.range.options.map((o) => el('vscode-option', { value: o.id }, o.label)));
    }
    (range as unknown as { value: string }).value = s.range.id;
    updated.textContent = `${s.liveEverySeconds ? `live every ${s.liveEverySeconds} s · ` : ''}updated ${new Date(s.updatedAt).toLocaleTimeString('en-GB')}`;
    notices.replaceChildren(...s.notices.map(notice));
    figures.replaceChildren(...s.figures.map(figure));
    renderSections(s.sections);
  }

  function renderSections(list: DashboardSection[]): void {
    const seen = new Set<string>();
    const nodes = list.map((sec) => {
      const box = el('section', { class: `dash-section${sec.grid ? ' dash-grid' : ''}`, 'aria-labelledby': `sec-${sec.id}`, 'data-section': sec.id });
      box.append(el('h2', { id: `sec-${sec.id}` }, sec.title));
      if (sec.description) box.append(el('p', { class: 'dash-description' }, sec.description));
      if (sec.callout) box.append(notice(sec.callout));
      const chartBox = el('div', { class: 'dash-charts' });
      box.append(chartBox);
      for (const spec of sec.charts) {
        seen.add(spec.id);
        chartBox.append(chartFor(spec));
      }
      for (const t of sec.tables ?? []) box.append(table(t));
      if (sec.actions?.length) box.append(el('div', { class: 'dash-actions' }, ...sec.actions.map((a) => actionButton(a.id, a.title))));
      return box;
    });
    for (const [id, view] of charts) {
      if (!seen.has(id)) {
        view.destroy();
        charts.delete(id);
      }
    }
    sections.replaceChildren(...nodes);
    // Re-parented charts keep their plots; a resize observer fits them to the new column width.
  }

  /** The chart's cell: the existing view with new data, or a new one. */
  function chartFor(spec: ChartSpec): HTMLElement {
    const existing = charts.get(spec.id);
    if (existing) {
      existing.update(spec);
      return existing.root.parentElement ?? existing.root;
    }
    const cell = el('div', { class: 'dash-chart' });
    // Drawn into a cell already in the document so the first draw has the real width.
    sections.append(cell);
    charts.set(spec.id, new ChartView(cell, spec, host, { height: 200 }));
    return cell;
  }

  function actionButton(id: string, text: string): HTMLElement {
    const b = el('vscode-button', { secondary: '', 'data-action-id': id }, text);
    b.addEventListener('click', () => conn.send('action', { id }));
    return b;
  }

  function table(t: DashboardTable): HTMLElement {
    const numeric = new Set(t.numeric ?? []);
    const cell = (c: Cell, i: number, head: boolean): HTMLElement => {
      const attrs: Record<string, string> = numeric.has(i) ? { class: 'dash-num' } : {};
      const e = head ? el('th', { ...attrs, scope: 'row' }) : el('td', attrs);
      if (typeof c === 'string') e.textContent = c;
      else {
        if (c.tone) e.classList.add(`tone-${c.tone}`);
        e.append(`${c.tone && TONE_GLYPH[c.tone] ? `${TONE_GLYPH[c.tone]} ` : ''}${c.text}`);
        if (c.action) {
          const link = el('button', { type: 'button', class: 'phc-link', 'data-action-id': c.action.id }, c.action.title);
          const id = c.action.id;
          link.addEventListener('click', () => conn.send('action', { id }));
          e.append(' ', link);
        }
      }
      return e;
    };
    return el(
      'div',
      { class: 'dash-table-wrap', tabindex: '0', role: 'region', 'aria-label': t.caption },
      el(
        'table',
        { class: 'dash-table', 'data-table': t.id },
        el('caption', {}, t.caption),
        el('thead', {}, el('tr', {}, ...t.header.map((h, i) => el('th', { scope: 'col', ...(numeric.has(i) ? { class: 'dash-num' } : {}) }, h)))),
        el('tbody', {}, ...t.rows.map((r) => el('tr', {}, ...r.map((c, i) => cell(c, i, i === 0))))),
      ),
    );
  }
}

function figure(f: Figure): HTMLElement {
  const glyph = f.tone && TONE_GLYPH[f.tone] ? el('span', { class: 'dash-glyph', 'aria-hidden': 'true' }, TONE_GLYPH[f.tone]) : '';
  return el(
    'div',
    { class: `dash-figure tone-${f.tone ?? 'neutral'}`, role: 'listitem', 'data-figure': f.id },
    el('div', { class: 'dash-figure-label' }, f.label),
    el('div', { class: 'dash-figure-value' }, glyph, f.value),
    ...(f.detail ? [el('div', { class: 'dash-figure-detail' }, f.detail)] : []),
  );
}

function notice(n: Notice): HTMLElement {
  return el('div', { class: `dash-notice tone-${n.tone}` }, el('span', { class: 'dash-glyph', 'aria-hidden': 'true' }, TONE_GLYPH[n.tone] || 'ℹ'), el('span', {}, n.text));
}
