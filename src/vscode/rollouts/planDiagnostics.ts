// Problems in rollout plan files as the editor shows them: every parse error at its line and column,
// naming the field, while the file is edited (the JSON schema adds completion where a YAML language
// server is installed; these diagnostics work without one).
import * as vscode from 'vscode';
import { parsePlan } from '../../domain/rollouts/planParser';

export class PlanDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('phoenix-rollout-plans');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly folder: () => string) {
    const check = (d: vscode.TextDocument) => this.check(d);
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument(check),
      vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) check(d);
  }

  isPlanFile(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return false;
    const rel = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
    const folder = this.folder().replace(/^\.\//, '').replace(/\/+$/, '');
    return rel.startsWith(`${folder}/`) && !rel.slice(folder.length + 1).includes('/') && /\.(ya?ml|json)$/.test(rel);
  }

  check(doc: vscode.TextDocument): void {
    if (!this.isPlanFile(doc.uri)) return;
    const r = parsePlan(doc.getText());
    if (r.ok) {
      this.collection.set(doc.uri, []);
      return;
    }
    this.collection.set(
      doc.uri,
      r.errors.map((e) => {
        const line = Math.max(0, (e.line ?? 1) - 1);
        const col = Math.max(0, (e.column ?? 1) - 1);
        const text = doc.lineAt(Math.min(line, doc.lineCount - 1)).text;
        const end = Math.max(col + 1, text.length);
        const d = new vscode.Diagnostic(new vscode.Range(line, col, line, end), e.path ? `${e.path}: ${e.message}` : e.message, vscode.DiagnosticSeverity.Error);
        d.source = 'Phoenix rollout plan';
        return d;
      }),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
