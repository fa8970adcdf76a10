// Re-reads the kubeconfig when one of its files changes (e.g. `kubectl config use-context` in a terminal).
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';

export class KubeconfigWatcher implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly files: () => readonly string[],
    private readonly onChange: () => void,
  ) {
    this.reset();
  }

  /** Watch the current file list (call after the list may have changed). */
  reset(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.files().map((f) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(f)), basename(f)));
      const fire = () => {
        // Editors and kubectl write in several steps: one reload per burst.
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.onChange(), 300);
      };
      return vscode.Disposable.from(w, w.onDidChange(fire), w.onDidCreate(fire), w.onDidDelete(fire));
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
  }
}
