// The log tail page: toolbar (include/exclude filter, regex, case, timestamps, pause, save, stop),
// status line, and the virtual list. Talks to the extension only through the typed protocol.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { FromLogTailView, TailStatusInfo, ToLogTailView } from '../../src/shared/logTailProtocol';
import { dispatch, type Handlers, message } from '../../src/shared/webviewProtocol';
import { LogBuffer } from './logBuffer';
import { LogRenderer } from './logRenderer';
import { StatusAnnouncer } from './statusAnnouncer';
import css from './styles.css';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  include: string;
  exclude: string;
  regex: boolean;
  caseSensitive: boolean;
  timestamps: boolean;
}

const vscode = acquireVsCodeApi();
const send = <K extends keyof FromLogTailView>(type: K, payload: FromLogTailView[K]) => vscode.postMessage(message<FromLogTailView, K>(type, payload));
const saved: SavedState = { include: '', exclude: '', regex: false, caseSensitive: false, timestamps: false, ...((vscode.getState() as Partial<SavedState> | undefined) ?? {}) };

const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

// ---- layout --------------------------------------------------------------------------------
const header = el('header');
const title = el('h1', {}, 'Logs');
const subtitle = el('div', { class: 'subtitle' });
header.append(title, subtitle);

const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
const include = el('vscode-textfield', { placeholder: 'Show lines containing…', 'aria-label': 'Include filter', id: 'include' });
const exclude = el('vscode-textfield', { placeholder: 'Hide lines containing…', 'aria-label': 'Exclude filter', id: 'exclude' });
const regex = el('vscode-checkbox', { id: 'regex' }, 'Regex');
const matchCase = el('vscode-checkbox', { id: 'case' }, 'Match case');
const timestamps = el('vscode-checkbox', { id: 'timestamps' }, 'Timestamps');
const filterError = el('span', { class: 'error', role: 'alert' });
const pause = el('vscode-button', { id: 'pause', secondary: '' }, 'Pause');
const save = el('vscode-button', { id: 'save', secondary: '' }, 'Save to File');
const stop = el('vscode-button', { id: 'stop', secondary: '' }, 'Stop');
const filters = el('div', { class: 'group' });
filters.append(include, exclude, regex, matchCase, timestamps, filterError);
const actions = el('div', { class: 'group' });
actions.append(pause, save, stop);
toolbar.append(filters, actions);

// The visible status line changes with every batch (counts): it is not a live region. Screen readers hear
// #announce, which changes only with the tail's state (see StatusAnnouncer).
const status = el('div', { class: 'status' });
const stateText = el('span', { class: 'state starting', id: 'state' }, 'starting');
const countsText = el('span', { id: 'counts' });
const pausedText = el('span', { id: 'paused' });
status.append(stateText, countsText, pausedText);
const announce = el('div', { class: 'sr-only', role: 'status', id: 'announce' });

// A log, read by moving through it; aria-live off because the virtual list redraws its rows on every scroll and
// batch, which a live log region would read out line by line (the state is announced above instead).
const viewport = el('div', { id: 'viewport', tabindex: '0', role: 'log', 'aria-live': 'off', 'aria-label': 'Log lines' });
const spacer = el('div', { id: 'spacer' });
const rows = el('div', { id: 'rows' });
spacer.append(rows);
viewport.append(spacer);
// Shown while the reader is scrolled up and new lines arrive below: how many, and the way back to following.
const jump = el('vscode-button', { id: 'jump', class: 'jump', hidden: '' });
const logArea = el('div', { class: 'log-area' });
logArea.append(viewport, jump);
document.body.append(header, toolbar, status, announce, logArea);

// ---- state ---------------------------------------------------------------------------------
const buffer = new LogBuffer(10_000);
let multiContainer = false;
const renderer = new LogRenderer(viewport, spacer, rows, buffer, (id) => {
  const s = buffer.sources.get(id);
  if (!s) return '?';
  // "platform-api-7d4b9c8f5-x2x9z" → "7d4b9c8f5-x2x9z": the deployment's name is in the title already.
  const m = /^.+-([a-z0-9]{6,10}-[a-z0-9]{5})$/.exec(s.pod);
  return `${m?.[1] ?? s.pod}${multiContainer ? `/${s.container}` : ''}`;
});
renderer.onNewBelow = (count) => {
  jump.hidden = !count;
  if (count) jump.textContent = `↓ ${count.toLocaleString('en')} new line${count === 1 ? '' : 's'} — Jump to End`;
};
let lastStatus: TailStatusInfo | undefined;
const announcer = new StatusAnnouncer();

function say(text: string | undefined): void {
  if (text && announce.textContent !== text) announce.textContent = text;
}

// Focus never falls to the page's body: a control that disables itself (Stop) hands it on, and coming back
// from a dialog (Save to File) returns it to the control last used.
let lastFocused: HTMLElement | undefined;
document.addEventListener('focusin', (e) => {
  if (e.target instanceof HTMLElement && e.target !== document.body) lastFocused = e.target;
});
window.addEventListener('focus', () => {
  if (document.activeElement && document.activeElement !== document.body) return;
  const back = lastFocused && lastFocused.isConnected && !(lastFocused as HTMLElement & { disabled?: boolean }).disabled ? lastFocused : viewport;
  back.focus();
});

function applyFilter(): void {
  const spec = { include: include.value, exclude: exclude.value, regex: regex.checked, caseSensitive: matchCase.checked };
  const error = buffer.setFilter(spec);
  filterError.textContent = error ? `${error.field}: ${error.error}` : '';
  include.invalid = error?.field === 'include';
  exclude.invalid = error?.field === 'exclude';
  renderer.showTimestamps = timestamps.checked;
  vscode.setState({ ...spec, timestamps: timestamps.checked } satisfies SavedState);
  renderer.schedule();
}

function showStatus(s: TailStatusInfo): void {
  lastStatus = s;
  stateText.textContent = s.state === 'live' ? '● live' : s.state === 'reconnecting' ? '◌ reconnecting' : s.state === 'stopped' ? '■ stopped' : '… starting';
  stateText.className = `state ${s.state}`;
  countsText.textContent = `${s.streaming} of ${s.followed} container${s.followed === 1 ? '' : 's'} streaming · ${s.received.toLocaleString('en')} lines received · ${buffer.visible.length.toLocaleString('en')} shown${s.skipped ? ` · ${s.skipped.toLocaleString('en')} went by too fast to show (saved)` : ''}`;
  const stopping = s.state === 'stopped' && !stop.disabled;
  const hadFocus = document.activeElement === stop;
  stop.disabled = s.state === 'stopped';
  // Stop was pressed and is now disabled: focus goes on to Save to File, what one does next with a stopped tail.
  if (stopping && (hadFocus || document.activeElement === document.body)) save.focus();
}

function showPaused(): void {
  pausedText.textContent = buffer.paused ? `paused — ${buffer.waitingCount.toLocaleString('en')} new lines waiting` : '';
}

// ---- wiring --------------------------------------------------------------------------------
include.value = saved.include;
exclude.value = saved.exclude;
regex.checked = saved.regex;
matchCase.checked = saved.caseSensitive;
timestamps.checked = saved.timestamps;
for (const f of [include, exclude]) f.addEventListener('input', applyFilter);
for (const c of [regex, matchCase, timestamps]) c.addEventListener('change', applyFilter);
pause.addEventListener('click', () => {
  const waiting = buffer.waitingCount;
  buffer.setPaused(!buffer.paused);
  say(announcer.paused(buffer.paused, waiting));
  pause.textContent = buffer.paused ? 'Resume' : 'Pause';
  if (!buffer.paused) renderer.scrollToEnd();
  showPaused();
  renderer.schedule();
});
jump.addEventListener('click', () => {
  renderer.scrollToEnd();
  viewport.focus();
});
save.addEventListener('click', () => send('save', {}));
stop.addEventListener('click', () => send('stop', {}));

const handlers: Handlers<ToLogTailView> = {
  init: (p) => {
    title.textContent = p.title;
    subtitle.textContent = p.subtitle;
    document.title = p.title;
    buffer.capacity = p.bufferLines;
    buffer.clear();
    buffer.sources.clear();
    for (const s of p.sources) buffer.sources.set(s.id, s);
    multiContainer = new Set(p.sources.map((s) => s.container)).size > 1;
    for (const n of p.notices) buffer.addNotice(n);
    buffer.addLines(p.lines);
    applyFilter();
    showStatus(p.status);
    say(announcer.status(p.status, Date.now()));
    renderer.scrollToEnd();
  },
  source: (s) => {
    buffer.sources.set(s.id, s);
    multiContainer ||= [...buffer.sources.values()].some((x) => x.container !== s.container);
  },
  lines: (lines) => {
    buffer.addLines(lines);
    if (buffer.paused) showPaused();
    else renderer.schedule();
  },
  notice: (n) => {
    buffer.addNotice(n);
    renderer.schedule();
  },
  status: (s) => {
    showStatus(s);
    say(announcer.status(s, Date.now()));
  },
};
window.addEventListener('message', (e: MessageEvent) => {
  dispatch(handlers, e.data);
  if (lastStatus && e.data && (e.data as { type?: string }).type === 'lines') showStatus(lastStatus);
});
send('ready', {});
