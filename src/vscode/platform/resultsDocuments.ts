// Read-only Markdown documents (experiment results) under their own scheme, shown as a rendered preview:
// nothing to save, no dirty untitled editor left behind.
import * as vscode from 'vscode';

export const RESULTS_SCHEME = 'phoenixops-results';

export class ResultsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RESULTS_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Shows `markdown` rendered, as `<name>.md` (the same name again replaces the content). */
  async show(name: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: RESULTS_SCHEME, path: `/${name.replace(/[^\w.-]+/g, '-')}.md` });
    this.contents.set(uri.path, markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
