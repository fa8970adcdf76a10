// The canary panel page: the rollout's state and, after a failure, its reason in plain words; the manual
// controls; one chart per gate (canary against primary, the phase thresholds, the weight, markers); and
// the table of every check. Everything arrives as typed messages; the buttons only ask the extension.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { CanaryControl, CanaryViewState, FromCanaryView, ToCanaryView } from '../../src/shared/canaryPanelProtocol';
import { el } from '../shared/dom';
import { ChartView } from '../shared/chart/chartView';
import { adoptChartStyles } from '../shared/chart/chartStyles';
import { PanelConnection } from '../shared/panelConnection';
import css from './styles.css';

adoptChartStyles(css);

const CONTROLS: { id: CanaryControl; label: string; title: string }[] = [
  { id: 'pause', label: 'Pause', title: 'Hold the current weight (checks still run; a failing one still rolls back)' },
  { id: 'resume', label: 'Resume', title: 'Continue the plan' },
  { id: 'setWeight', label: 'Set weight…', title: 'Drive the canary weight by hand (the rollout pauses there)' },
  { id: 'promote', label: 'Promote now', title: 'Skip the remaining phases: the primary takes the canary’s image' },
  { id: 'abort', label: 'Abort (roll back)', title: 'All traffic back to the primary, the canary scaled to 0' },
];

const header = el('header', { class: 'head' });
const title = el('h1');
const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
const badge = el('span', { class: 'badge' });
const headline = el('span', { class: 'headline' });
status.append(badge, headline);
const reason = el('p', { class: 'reason', role: 'alert' });
const error = el('p', { class: 'error', role: 'alert' });
const details = el('ul', { class: 'details' });
const toolbar = el('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Rollout controls' });
const buttons = new Map<CanaryControl, HTMLElement>();
for (const c of CONTROLS) {
  const b = el('vscode-button', { 'data-control': c.id, title: c.title, ...(c.id === 'abort' ? {} : { secondary: '' }) }, c.label);
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) conn.send('control', { control: c.id });
  });
  buttons.set(c.id, b);
  toolbar.append(b);
}
header.append(title, status, reason, error, details, toolbar);

const chartsBox = el('div', { class: 'charts' });
const tableBox = el('section', { class: 'checks', 'aria-labelledby': 'checks-title' });
const tableTitle = el('h2', { id: 'checks-title' }, 'Checks');
const table = el('table');
tableBox.append(tableTitle, table);
document.body.append(header, chartsBox, tableBox);

const charts = new Map<string, ChartView>();

function render(v: CanaryViewState): void {
  title.textContent = v.title;
  badge.textContent = v.status;
  badge.className = `badge ${v.status}`;
  headline.textContent = v.headline;
  reason.textContent = v.reason ?? '';
  reason.hidden = !v.reason;
  error.textContent = v.error ? `Not up to date: ${v.error}` : '';
  error.hidden = !v.error;
  details.replaceChildren(...v.details.map((d) => el('li', {}, d)));
  for (const [id, b] of buttons) {
    if (v.controls[id]) b.removeAttribute('disabled');
    else b.setAttribute('disabled', '');
  }
  // Charts: update in place (keeps the person's legend and table choices), add new ones, drop old ones.
  const host = conn.chartHost();
  const seen = new Set<string>();
  for (const spec of v.charts) {
    seen.add(spec.id);
    const existing = charts.get(spec.id);
    if (existing) existing.update(spec);
    else charts.set(spec.id, new ChartView(chartsBox, spec, host, { headingLevel: 2 }));
  }
  for (const [id, c] of charts) {
    if (seen.has(id)) continue;
    c.destroy();
    charts.delete(id);
  }
  renderTable(v);
}

function renderTable(v: CanaryViewState): void {
  const head = el('tr', {}, ...['Time', 'Phase', 'Weight', 'Check', 'Requests', ...v.gateNames, 'Then'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = v.checks.map((c) =>
    el(
      'tr',
      { class: `row-${c.kind}` },
      el('td', {}, c.time),
      el('td', {}, c.phase),
      el('td', {}, c.weight),
      el('td', { class: `verdict ${c.kind}` }, c.kind === 'event' ? '' : c.kind),
      el('td', { class: 'num' }, c.requests),
      ...c.gates.map((g) => el('td', { class: `verdict ${g.kind}`, title: g.detail }, g.text)),
      el('td', {}, c.action),
    ),
  );
  table.replaceChildren(el('caption', {}, v.checks.length ? `${v.checks.length} checks and events, newest first` : 'No checks yet'), el('thead', {}, head), el('tbody', {}, ...rows));
}

const conn = new PanelConnection<ToCanaryView, FromCanaryView>({ state: render });
