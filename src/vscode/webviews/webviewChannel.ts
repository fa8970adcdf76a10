// The extension's end of a webview's typed protocol: messages dispatched through a handler table, and
// nothing posted before the page said `ready` (posts made earlier are dropped: onReady sends the state).
import type * as vscode from 'vscode';
import { dispatch, type Handlers, type Message, message, type MessageMap } from '../../shared/webviewProtocol';

export class WebviewChannel<In extends MessageMap & { ready: unknown }, Out extends MessageMap> implements vscode.Disposable {
  private ready = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    handlers: Handlers<In>,
    log: (text: string) => void,
  ) {
    this.subscription = webview.onDidReceiveMessage((msg: unknown) => {
      // A reloaded page (hidden and shown again) says ready again and gets the whole state again.
      if ((msg as { type?: unknown } | undefined)?.type === 'ready') this.ready = true;
      if (!dispatch(handlers, msg)) log(`webview sent an unknown message: ${JSON.stringify(msg).slice(0, 200)}`);
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Posts when the page is ready; false (not sent) before that. */
  post<K extends keyof Out & string>(type: K, payload: Out[K]): boolean {
    if (!this.ready) return false;
    void this.webview.postMessage(message<Out, K>(type, payload) satisfies Message<Out>);
    return true;
  }

  /** The page went away (panel hidden without retainContextWhenHidden): wait for the next ready. */
  reset(): void {
    this.ready = false;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
