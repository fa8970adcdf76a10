// The phoenix-ops: documents (Show YAML, Show Events) are registered at start-up with a stand-in, so an editor restored
// with the window asks the cockpit for its text once it has loaded instead of failing.
import * as vscode from 'vscode';

export class LazyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private real: vscode.TextDocumentContentProvider | undefined;
  private forwarding: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** `load` loads the cockpit, which binds the real provider. */
  constructor(private readonly load: () => Promise<unknown>) {}

  bind(provider: vscode.TextDocumentContentProvider): void {
    this.real = provider;
    this.forwarding?.dispose();
    this.forwarding = provider.onDidChange?.((uri) => this.changed.fire(uri));
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    if (!this.real) await this.load();
    if (!this.real) throw new Error('the cockpit loaded without serving phoenix-ops: documents');
    return (await this.real.provideTextDocumentContent(uri, token)) ?? '';
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
