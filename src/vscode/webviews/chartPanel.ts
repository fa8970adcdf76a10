// A webview panel that shows charts: the one HTML builder (strict CSP, nonce), the typed channel with the ready
// handshake, the shared chart requests (copy, export, open query, open runbook), live refresh only while visible,
// and the state replayed whenever the page comes back (a hidden panel's page is discarded and reloaded).
import * as vscode from 'vscode';
import { Poller } from '../../core/poller';
import type { FromChartView } from '../../shared/chartPanelProtocol';
import type { Handlers, MessageMap } from '../../shared/webviewProtocol';
import { chartRequestHandlers } from './chartRequests';
import { WebviewChannel } from './webviewChannel';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface ChartPanelOptions<In extends FromChartView, Out extends MessageMap> {
  /** The webview panel's view type, e.g. "phoenixOps.costPanel". */
  viewType: string;
  title: string;
  /** The page bundle: webviews/<script>/index.ts. */
  script: string;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** The panel's own messages (the shared chart ones and `ready` are handled here). */
  handlers: Omit<Handlers<In>, keyof FromChartView>;
  /** After every `ready`: post everything the page shows (it may be a reload of a hidden panel). */
  onReady(channel: WebviewChannel<In, Out>): void;
  /** Live data: fetched now and every intervalMs() while the panel is visible, never while hidden. */
  refresh?: { intervalMs(): number; run(signal: AbortSignal): Promise<void> };
  viewColumn?: vscode.ViewColumn;
}

export class ChartPanel<In extends FromChartView, Out extends MessageMap> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly channel: WebviewChannel<In, Out>;
  private readonly poller: Poller | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  private disposed = false;
  /** Files written by Export (for tests and the audit of what left the editor). */
  readonly exported: vscode.Uri[] = [];

  constructor(private readonly opts: ChartPanelOptions<In, Out>) {
    this.panel = vscode.window.createWebviewPanel(opts.viewType, opts.title, { viewColumn: opts.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: false }, webviewOptions(opts.extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(opts.extensionUri, 'media', 'phoenix.svg');
    const handlers = {
      ...chartRequestHandlers(opts.log, { exported: (uri) => this.exported.push(uri) }),
      ...opts.handlers,
      ready: () => opts.onReady(this.channel),
    } as unknown as Handlers<In>;
    this.channel = new WebviewChannel<In, Out>(this.panel.webview, handlers, (m) => opts.log.warn(`${opts.viewType}: ${m}`));
    this.panel.webview.html = webviewHtml({ webview: this.panel.webview, extensionUri: opts.extensionUri, script: opts.script, title: opts.title });
    if (opts.refresh) {
      const refresh = opts.refresh;
      this.poller = new Poller(
        (signal) => refresh.run(signal),
        (e) => opts.log.error(`${opts.viewType}: refresh failed`, e),
      );
    }
    this.disposables.push(
      this.channel,
      this.panel.onDidChangeViewState((e) => this.followVisibility(e.webviewPanel.visible)),
      this.panel.onDidDispose(() => this.dispose()),
    );
    // The first fetch starts once whoever constructs this panel has it in hand (its fetch may post through it).
    queueMicrotask(() => {
      if (!this.disposed) this.followVisibility(this.panel.visible);
    });
  }

  get title(): string {
    return this.panel.title;
  }

  set title(t: string) {
    this.panel.title = t;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** Posts when the page is ready (false otherwise: the next ready replays the state anyway). */
  post<K extends keyof Out & string>(type: K, payload: Out[K]): boolean {
    return this.channel.post(type, payload);
  }

  /** Fetches now (a range change, a Refresh click); coalesced with a fetch under way. */
  refreshNow(): Promise<void> {
    return this.poller?.refresh() ?? Promise.resolve();
  }

  /** Applies a changed refresh interval (a setting). */
  restartPolling(): void {
    this.followVisibility(this.panel.visible);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.poller?.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }

  private followVisibility(visible: boolean): void {
    // A hidden panel's page is discarded: wait for its next ready, and fetch nothing meanwhile.
    if (!visible) this.channel.reset();
    this.poller?.setInterval(visible ? this.opts.refresh?.intervalMs() ?? 0 : 0);
  }
}

/** One panel per key (an experiment, a service): opening it again reveals the one there is. */
export class PanelRegistry<P extends { reveal(): void; onDidDispose: vscode.Event<void>; dispose(): void }> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();

  open(key: string, create: () => P): P {
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = create();
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    return panel;
  }

  get all(): P[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}
