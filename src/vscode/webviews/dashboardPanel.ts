// A dashboard panel (cost, service health): a ChartPanel on the shared dashboard page, whose data comes from a
// loader for the selected range. Live while visible; a failed fetch keeps what was shown and says why on top.
import type * as vscode from 'vscode';
import type { ServiceError } from '../../clients/http/serviceError';
import type { Result } from '../../core/result';
import type { DashboardState, FromDashboardView, ToDashboardView } from '../../shared/dashboardProtocol';
import { ChartPanel } from './chartPanel';

export interface DashboardSource {
  viewType: string;
  /** The panel's tab title. */
  title: string;
  initialRange: string;
  load(rangeId: string, signal: AbortSignal): Promise<Result<DashboardState, ServiceError>>;
  /** A button of the page (a table cell's, a section's). */
  onAction(id: string): void | Promise<void>;
  /** Live refresh interval while visible (0: only on request). */
  intervalMs(): number;
}

export interface DashboardSnapshot {
  viewType: string;
  title: string;
  rangeId: string;
  visible: boolean;
  state: DashboardState | undefined;
  /** The last fetch's failure, if it failed. */
  error: string | undefined;
  fetches: number;
  exported: string[];
}

export class DashboardPanel implements vscode.Disposable {
  private readonly chart: ChartPanel<FromDashboardView, ToDashboardView>;
  private state: DashboardState | undefined;
  private error: ServiceError | undefined;
  private rangeId: string;
  private fetches = 0;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    deps: { extensionUri: vscode.Uri; log: vscode.LogOutputChannel },
    private readonly source: DashboardSource,
  ) {
    this.rangeId = source.initialRange;
    this.chart = new ChartPanel<FromDashboardView, ToDashboardView>({
      viewType: source.viewType,
      title: source.title,
      script: 'dashboard',
      extensionUri: deps.extensionUri,
      log: deps.log,
      handlers: {
        setRange: ({ range }) => {
          if (typeof range !== 'string' || range === this.rangeId) return;
          this.rangeId = range;
          void this.chart.refreshNow();
        },
        refresh: () => void this.chart.refreshNow(),
        action: ({ id }) => {
          if (typeof id !== 'string') return;
          void Promise.resolve(source.onAction(id)).catch((e: unknown) => deps.log.error(`${source.viewType}: action ${id} failed`, e));
        },
      },
      onReady: (ch) => {
        const shown = this.shownState();
        if (shown) ch.post('state', shown);
        ch.post('busy', { busy: false });
      },
      refresh: { intervalMs: () => source.intervalMs(), run: (signal) => this.fetch(signal) },
    });
    this.onDidDispose = this.chart.onDidDispose;
  }

  reveal(): void {
    this.chart.reveal();
  }

  refreshNow(): Promise<void> {
    return this.chart.refreshNow();
  }

  snapshot(): DashboardSnapshot {
    return {
      viewType: this.source.viewType,
      title: this.chart.title,
      rangeId: this.rangeId,
      visible: this.chart.visible,
      state: this.state,
      error: this.error ? `${this.error.message}${this.error.hint ? ` ${this.error.hint}` : ''}` : undefined,
      fetches: this.fetches,
      exported: this.chart.exported.map((u) => u.fsPath),
    };
  }

  dispose(): void {
    this.chart.dispose();
  }

  private async fetch(signal: AbortSignal): Promise<void> {
    this.chart.post('busy', { busy: true });
    try {
      // A bug in a loader must show on the panel, not leave it "Loading…" for ever.
      const r = await this.source.load(this.rangeId, signal).catch((e: unknown) => ({
        ok: false as const,
        error: { kind: 'server' as const, service: this.source.title, message: `Could not build the panel: ${e instanceof Error ? e.message : String(e)}`, hint: 'See the Phoenix Ops output for details.' },
      }));
      if (signal.aborted) return;
      this.fetches++;
      if (r.ok) {
        this.state = r.value;
        this.error = undefined;
        this.chart.title = this.source.title;
      } else if (r.error.kind !== 'cancelled') {
        this.error = r.error;
      }
      const shown = this.shownState();
      if (shown) this.chart.post('state', shown);
    } finally {
      this.chart.post('busy', { busy: false });
    }
  }

  /** The last good state, with the last failure on top; or a state made of the failure alone. */
  private shownState(): DashboardState | undefined {
    const failure = this.error && { tone: 'bad' as const, text: `${this.error.message}.${this.error.hint ? ` ${this.error.hint}` : ''} ${this.state ? 'Showing what was fetched before.' : ''}`.trim() };
    if (this.state) return failure ? { ...this.state, notices: [failure, ...this.state.notices] } : this.state;
    if (!failure) return undefined;
    return { title: this.source.title, subtitle: '', figures: [], sections: [], notices: [failure], range: { id: this.rangeId, options: [] }, updatedAt: Date.now(), liveEverySeconds: 0 };
  }
}
