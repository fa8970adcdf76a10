// A panel page's end of its typed protocol: one VS Code API handle, `send` typed by the panel's message map,
// incoming messages dispatched through a handler table, `ready` sent once the handlers are in place, and the
// page's own state (per-chart choices, the selected range) kept with VS Code's webview state across reloads.
import type { FromChartView } from '../../src/shared/chartPanelProtocol';
import { dispatch, type Handlers, message, type MessageMap } from '../../src/shared/webviewProtocol';
import type { ChartHost, ChartUiState } from './chart/chartHost';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
/** acquireVsCodeApi may be called once per page. */
function vscodeApi(): VsCodeApi {
  return (api ??= acquireVsCodeApi());
}

interface PageState<S> {
  page?: S;
  charts?: Record<string, ChartUiState>;
}

export class PanelConnection<In extends MessageMap, Out extends FromChartView, S extends object = Record<string, unknown>> {
  private readonly vscode = vscodeApi();

  /** Installs the handlers, then says ready (the extension answers with its state). */
  constructor(handlers: Handlers<In>) {
    window.addEventListener('message', (e: MessageEvent) => {
      dispatch(handlers, e.data);
    });
    this.send('ready', {} as Out['ready']);
  }

  send<K extends keyof Out & string>(type: K, payload: Out[K]): void {
    this.vscode.postMessage(message<Out, K>(type, payload));
  }

  /** The page's own state saved earlier (undefined on first open). */
  get pageState(): S | undefined {
    return this.stored().page;
  }

  set pageState(s: S | undefined) {
    this.vscode.setState({ ...this.stored(), page: s });
  }

  /** The chart component's host: clipboard, files, queries and links through the extension; chart choices in the page state. */
  chartHost(): ChartHost {
    const send = <K extends keyof FromChartView>(type: K, payload: FromChartView[K]) => this.vscode.postMessage(message<FromChartView, K>(type, payload));
    return {
      copyText: (text, description) => send('copy', { text, description }),
      exportFile: (f) => send('export', { fileName: f.fileName, kind: f.kind, data: f.data }),
      openQueries: (queries, title) => send('openQueries', { title, queries }),
      openLink: (link) => send('openLink', link),
      loadState: (id) => this.stored().charts?.[id],
      saveState: (id, s) => {
        const st = this.stored();
        this.vscode.setState({ ...st, charts: { ...st.charts, [id]: s } });
      },
    };
  }

  private stored(): PageState<S> {
    return (this.vscode.getState() as PageState<S> | undefined) ?? {};
  }
}
