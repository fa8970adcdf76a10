// THE chart of the cockpit's webviews (canary, cost, health panels and the runbook PromQL output): a uPlot plot with a
// heading, an accessible name and description, a keyboard-operable legend, a hover card (also driven by the arrow
// keys, and announced), events with links, a data-table view, Copy, CSV and PNG. Follows the theme live.
import uPlot from 'uplot';
import { type ChartColumn, chartColumns, chartCsv, columnStats, describeChart, exportFileName } from '../../../src/shared/chart/chartColumns';
import type { ChartSpec } from '../../../src/shared/chart/chartSpec';
import { el, uniqueId } from '../dom';
import { chartPng } from './chartExport';
import type { ChartHost, ChartUiState } from './chartHost';
import { drawBands, drawBarLabels, drawTimeOverlays, type OverlayState } from './chartOverlays';
import { dataTable, eventList, hoverContent, hoverText, Legend, renderHover } from './chartParts';
import { type ChartTheme, chartTheme, onThemeChange } from './chartTheme';
import { plotData, plotOptions } from './uplotConfig';

export interface ChartViewOptions {
  /** Plot height in CSS pixels (default 220). */
  height?: number;
  /** Heading level of the title (default 3). */
  headingLevel?: 2 | 3 | 4;
}

/** Two specs draw with the same uPlot instance when their kind and columns match (then only data is replaced). */
function shapeKey(spec: ChartSpec, columns: ChartColumn[]): string {
  return JSON.stringify([spec.kind, spec.unit, spec.kind === 'bar' ? spec.categories : 0, columns.map((c) => [c.label, c.role, c.axis, c.shape, c.unit])]);
}

export class ChartView {
  readonly root: HTMLElement;
  /** Milliseconds the last full draw took (construction or new data to painted canvas). */
  lastRenderMs = 0;
  private spec: ChartSpec;
  private columns: ChartColumn[];
  private plot: uPlot | undefined;
  private shapeKey = '';
  private readonly plotBox: HTMLElement;
  private readonly description: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly summaryEl: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly live: HTMLElement;
  private readonly tableToggle: HTMLButtonElement;
  private legend: Legend | undefined;
  private legendBox: HTMLElement;
  private events: HTMLElement | undefined;
  private table: HTMLElement | undefined;
  private readonly tooltip: HTMLElement;
  private readonly overlay: OverlayState = { bars: new Map(), patterns: new Map() };
  private ui: ChartUiState;
  private drawStart = 0;
  private keyboardIndex: number | null = null;
  private readonly stopTheme: () => void;
  private readonly resize: ResizeObserver;

  /** Appends itself to `container` first, so the plot is drawn once, at the container's width. */
  constructor(
    container: HTMLElement,
    spec: ChartSpec,
    private readonly host: ChartHost,
    private readonly opts: ChartViewOptions = {},
  ) {
    this.spec = spec;
    this.columns = chartColumns(spec);
    this.ui = host.loadState?.(spec.id) ?? { hidden: [], table: false };
    const titleId = uniqueId('phc-title');
    const descId = uniqueId('phc-desc');
    this.titleEl = el(`h${opts.headingLevel ?? 3}` as 'h3', { class: 'phc-title', id: titleId });
    this.summaryEl = el('span', { class: 'phc-summary' });
    this.actions = el('div', { class: 'phc-actions', role: 'toolbar' });
    this.tableToggle = this.button('Table', 'Show the values as a table', () => this.setTable(!this.ui.table));
    this.tableToggle.setAttribute('aria-pressed', 'false');
    this.plotBox = el('div', { class: 'phc-plot', role: 'img', tabindex: '0', 'aria-describedby': descId });
    this.description = el('p', { class: 'phc-sr', id: descId });
    this.live = el('div', { class: 'phc-sr', 'aria-live': 'polite' });
    this.tooltip = el('div', { class: 'phc-tooltip', role: 'presentation' });
    this.legendBox = el('div');
    this.root = el(
      'section',
      { class: 'phc-chart', 'aria-labelledby': titleId, 'data-chart-id': spec.id },
      el('header', { class: 'phc-head' }, el('div', { class: 'phc-heading' }, this.titleEl, this.summaryEl), this.actions),
      this.plotBox,
      this.description,
      this.legendBox,
      this.live,
    );
    container.append(this.root);
    this.plotBox.addEventListener('keydown', (e) => this.onKey(e));
    this.plotBox.addEventListener('blur', () => this.clearKeyboardCursor());
    this.plotBox.addEventListener('click', () => this.onClick());
    this.stopTheme = onThemeChange((t) => this.retheme(t));
    this.resize = new ResizeObserver(() => this.fitWidth());
    this.resize.observe(this.root);
    this.render();
  }

  /** New data for the same chart (live refresh): the plot is kept when its series are the same, else rebuilt. */
  update(spec: ChartSpec): void {
    this.spec = spec;
    this.columns = chartColumns(spec);
    this.render();
  }

  destroy(): void {
    this.stopTheme();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
    this.root.remove();
  }

  private render(): void {
    const spec = this.spec;
    this.titleEl.textContent = spec.title;
    this.summaryEl.textContent = spec.summary ?? '';
    this.summaryEl.title = spec.summary ?? '';
    this.titleEl.title = spec.title;
    const describe = describeChart(spec);
    this.description.textContent = describe;
    this.plotBox.setAttribute('aria-label', `${spec.title}${spec.summary ? ` (${spec.summary})` : ''}. Arrow keys step through the values.`);
    this.renderActions();
    const empty = spec.kind === 'time' ? !spec.x.length || !spec.series.length : !spec.categories.length;
    if (empty) {
      this.plot?.destroy();
      this.plot = undefined;
      this.shapeKey = '';
      this.plotBox.replaceChildren(el('div', { class: 'phc-empty' }, spec.emptyText ?? 'No data in this range.'));
      this.plotBox.classList.add('phc-plot-empty');
      this.legendBox.replaceChildren();
      this.legend = undefined;
    } else {
      this.plotBox.classList.remove('phc-plot-empty');
      for (const c of this.columns) c.hidden = this.ui.hidden.includes(c.label) || c.hidden;
      this.drawPlot();
    }
    this.events?.remove();
    this.events = spec.kind === 'time' && !empty && spec.listEvents !== false ? eventList(spec, chartTheme(), this.host.openLink?.bind(this.host)) : undefined;
    if (this.events) this.legendBox.after(this.events);
    if (this.ui.table) this.setTable(true);
  }

  private drawPlot(): void {
    const key = shapeKey(this.spec, this.columns);
    const data = plotData(this.spec, this.columns);
    this.drawStart = performance.now();
    if (this.plot && key === this.shapeKey) {
      const x = this.plot.scales.x;
      const zoomed = this.spec.kind === 'time' && x?.min !== undefined && this.isZoomed();
      this.plot.setData(data, !zoomed);
    } else {
      this.plot?.destroy();
      this.plotBox.replaceChildren();
      this.overlay.bars = new Map();
      const width = Math.max(280, Math.floor(this.root.clientWidth || 640));
      this.plot = new uPlot(
        plotOptions(this.spec, this.columns, { width, height: this.opts.height ?? 220 }, {
          onCursor: (u) => this.onCursor(u),
          drawClear: (u) => {
            if (this.spec.kind === 'time') drawBands(u, this.spec, chartTheme());
          },
          draw: (u) => {
            const theme = chartTheme();
            // What the last paint used, for tests and for anyone inspecting the page: the theme follows live.
            this.root.dataset.theme = theme.kind;
            this.root.dataset.foreground = theme.foreground;
            if (this.spec.kind === 'time') drawTimeOverlays(u, this.spec, this.columns, theme);
            else drawBarLabels(u, this.overlay, this.columns, theme);
            if (this.drawStart) {
              this.lastRenderMs = performance.now() - this.drawStart;
              this.drawStart = 0;
              this.root.dataset.renderMs = this.lastRenderMs.toFixed(2);
              // Which data that time belongs to (the benchmark waits for its own run's paint).
              this.root.dataset.paintedFor = this.spec.summary ?? '';
            }
          },
          ready: () => undefined,
        }, this.overlay),
        data,
        this.plotBox,
      );
      this.plot.over.append(this.tooltip);
      this.shapeKey = key;
      this.legend = new Legend(this.spec.title, this.columns, chartTheme(), {
        toggle: (i, shown) => this.toggleSeries(i, shown),
        focus: (i) => this.plot?.setSeries(i === null ? null : i + 1, { focus: true }),
      });
      this.legendBox.replaceChildren(this.legend.root);
    }
    this.legend?.showValues(null, this.lastValues());
    this.root.dataset.points = String(this.spec.kind === 'time' ? this.spec.x.length : this.spec.categories.length);
  }

  private isZoomed(): boolean {
    const x = this.plot?.scales.x;
    const xs = this.plot?.data[0];
    if (!x || !xs?.length || x.min === undefined || x.max === undefined) return false;
    return x.min > (xs[0] ?? 0) + 1e-6 || x.max < (xs[xs.length - 1] ?? 0) - 1e-6;
  }

  /** Each column's last value (the legend without a cursor), computed once per data. */
  private lastValuesCache: { columns: ChartColumn[]; values: Array<number | null> } | undefined;
  private lastValues(): Array<number | null> {
    if (this.lastValuesCache?.columns !== this.columns) this.lastValuesCache = { columns: this.columns, values: this.columns.map((c) => columnStats(c.values).last) };
    return this.lastValuesCache.values;
  }

  private shown(): boolean[] {
    return this.columns.map((_, i) => this.plot?.series[i + 1]?.show ?? true);
  }

  private toggleSeries(index: number, shown: boolean): void {
    this.plot?.setSeries(index + 1, { show: shown });
    const label = this.columns[index]?.label;
    if (label) this.ui.hidden = shown ? this.ui.hidden.filter((l) => l !== label) : [...new Set([...this.ui.hidden, label])];
    this.saveUi();
  }

  private onCursor(u: uPlot): void {
    const idx = u.cursor.idx;
    if (idx === null || idx === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
      this.tooltip.classList.remove('phc-visible');
      this.legend?.showValues(null, this.lastValues());
      this.plotBox.classList.remove('phc-linkable');
      return;
    }
    const theme = chartTheme();
    const content = hoverContent(this.spec, this.columns, this.shown(), idx, (t) => Math.abs(u.valToPos(t, 'x') - (u.cursor.left ?? -1e9)) <= 6);
    renderHover(this.tooltip, theme, content);
    this.legend?.showValues(idx, this.lastValues());
    this.plotBox.classList.toggle('phc-linkable', content.events.some((e) => e.link) && !!this.host.openLink);
    this.tooltip.classList.add('phc-visible');
    // Beside the cursor, flipped to its left near the right edge, kept inside the plot.
    const left = u.cursor.left;
    const top = u.cursor.top ?? 0;
    const w = this.tooltip.offsetWidth;
    const h = this.tooltip.offsetHeight;
    const plotW = u.over.clientWidth;
    const plotH = u.over.clientHeight;
    this.tooltip.style.left = `${left + 14 + w > plotW ? Math.max(0, left - w - 14) : left + 14}px`;
    this.tooltip.style.top = `${Math.max(0, Math.min(top + 14, plotH - h))}px`;
    if (this.keyboardIndex !== null) this.live.textContent = hoverText(content);
  }

  private onClick(): void {
    const u = this.plot;
    if (!u || this.spec.kind !== 'time' || !this.host.openLink) return;
    const idx = u.cursor.idx;
    if (idx === null || idx === undefined) return;
    const t = this.spec.x[idx] ?? 0;
    const band = (this.spec.bands ?? []).find((b) => b.link && b.from <= t && (b.to === undefined || t <= b.to));
    if (band?.link) this.host.openLink(band.link);
  }

  /** Arrow keys move a cursor from point to point (Shift: a tenth of the chart), Home/End jump, Escape leaves. */
  private onKey(e: KeyboardEvent): void {
    const u = this.plot;
    if (!u) return;
    const n = (u.data[0] as number[]).length;
    if (!n) return;
    let i = this.keyboardIndex ?? u.cursor.idx ?? n - 1;
    const big = Math.max(1, Math.round(n / 10));
    switch (e.key) {
      case 'ArrowRight':
        i = Math.min(n - 1, i + (e.shiftKey ? big : 1));
        break;
      case 'ArrowLeft':
        i = Math.max(0, i - (e.shiftKey ? big : 1));
        break;
      case 'Home':
        i = 0;
        break;
      case 'End':
        i = n - 1;
        break;
      case 'Escape':
        this.clearKeyboardCursor();
        return;
      case 'Enter':
        this.onClick();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.keyboardIndex = i;
    const xv = (u.data[0] as number[])[i] ?? 0;
    const first = this.columns.findIndex((c, ci) => this.shown()[ci] && c.values[i] !== null && c.values[i] !== undefined);
    const yv = first >= 0 ? (this.columns[first]?.values[i] ?? null) : null;
    const scale = first >= 0 && this.columns[first]?.axis === 'right' ? 'y2' : 'y';
    const left = u.valToPos(xv, 'x');
    const top = yv === null ? u.over.clientHeight / 2 : u.valToPos(yv, scale);
    u.setCursor({ left, top });
  }

  private clearKeyboardCursor(): void {
    if (this.keyboardIndex === null) return;
    this.keyboardIndex = null;
    this.plot?.setCursor({ left: -10, top: -10 });
  }

  private renderActions(): void {
    const spec = this.spec;
    const buttons: HTMLButtonElement[] = [this.tableToggle];
    buttons.push(this.button('Copy', `Copy the values of ${spec.title} (tab-separated)`, () => this.host.copyText(chartCsv(this.spec, '\t'), `${this.spec.title} values`)));
    buttons.push(this.button('CSV', `Export ${spec.title} as CSV`, () => this.host.exportFile({ fileName: exportFileName(this.spec, 'csv'), kind: 'csv', data: chartCsv(this.spec) })));
    if (this.plot || spec.kind === 'bar' || spec.x.length) {
      buttons.push(this.button('PNG', `Export ${spec.title} as a PNG image`, () => this.exportPng()));
    }
    if (spec.queries?.length && this.host.openQueries) {
      buttons.push(this.button('Open query', `Open the ${spec.queries.length === 1 ? 'query' : 'queries'} of ${spec.title} as a PromQL runbook cell`, () => this.host.openQueries?.(this.spec.queries ?? [], this.spec.title)));
    }
    this.actions.setAttribute('aria-label', `${spec.title} actions`);
    this.actions.replaceChildren(...buttons);
  }

  private button(text: string, label: string, onClick: () => void): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'phc-button', title: label, 'aria-label': label, 'data-action': text.toLowerCase().replace(/\s+/g, '-') }, text);
    b.addEventListener('click', onClick);
    return b;
  }

  private exportPng(): void {
    if (!this.plot) return;
    const data = chartPng(this.plot, this.spec.title, this.spec.summary, this.columns, this.shown(), chartTheme());
    this.host.exportFile({ fileName: exportFileName(this.spec, 'png'), kind: 'png', data });
  }

  private setTable(open: boolean): void {
    this.ui.table = open;
    this.tableToggle.setAttribute('aria-pressed', String(open));
    this.table?.remove();
    this.table = open ? dataTable(this.spec) : undefined;
    if (this.table) (this.events ?? this.legendBox).after(this.table);
    this.saveUi();
  }

  private saveUi(): void {
    this.host.saveState?.(this.spec.id, { hidden: [...this.ui.hidden], table: this.ui.table });
  }

  private fitWidth(): void {
    const u = this.plot;
    if (!u) return;
    const w = Math.floor(this.root.clientWidth);
    if (w > 200 && Math.abs(w - u.width) > 4) u.setSize({ width: w, height: this.opts.height ?? 220 });
  }

  private retheme(theme: ChartTheme): void {
    const u = this.plot;
    if (u) {
      this.overlay.patterns.clear();
      this.columns.forEach((c, i) => {
        const s = u.series[i + 1];
        if (s && this.spec.kind === 'time') s.width = c.role === 'threshold' ? Math.max(1.5, theme.lineWidth) : theme.lineWidth;
      });
      u.redraw(false);
    }
    this.legend?.retheme(theme);
    if (this.spec.kind === 'time' && this.events) {
      const list = eventList(this.spec, theme, this.host.openLink?.bind(this.host));
      if (this.events && list) this.events.replaceWith(list);
      this.events = list;
    }
  }
}
