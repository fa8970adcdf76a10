// The two sides of Edit YAML's and Apply File…'s diffs: read-only in-memory documents (phoenix-edit-view:), opened in
// VS Code's diff editor. Each diff gets fresh addresses, so an older diff tab keeps what it showed.
import * as vscode from 'vscode';
import { EDIT_VIEW_SCHEME } from './editUri';

export class DiffDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '# no longer held: save or apply again to see the diff\n';
  }

  /** Opens `left ↔ right` in the diff editor; `label` names the pair in the tab ("backend.deployment.yaml: live ↔ dry run"). */
  async show(label: string, left: { name: string; text: string }, right: { name: string; text: string }, preview = false): Promise<void> {
    const n = ++this.next;
    const file = `${label.replace(/[/:]/g, '_').replace(/\.ya?ml$/, '')}.yaml`;
    const uri = (side: string) => vscode.Uri.from({ scheme: EDIT_VIEW_SCHEME, path: `/${n}/${encodeURIComponent(side)}/${encodeURIComponent(file)}` });
    const l = uri(left.name);
    const r = uri(right.name);
    this.docs.set(l.toString(), left.text);
    this.docs.set(r.toString(), right.text);
    // Only the newest hundred diffs are held (an operator's session of edits, not a leak over days).
    for (const key of [...this.docs.keys()].slice(0, Math.max(0, this.docs.size - 200))) this.docs.delete(key);
    await vscode.commands.executeCommand('vscode.diff', l, r, `${label}: ${left.name} ↔ ${right.name}`, { preview, preserveFocus: false });
  }
}
