// Long backup work in a cancellable notification: the cancel becomes an AbortSignal, messages and fractions are reported as they come.
import * as vscode from 'vscode';

export interface ProgressReport {
  (message: string, fraction?: number): void;
}

/** Runs `work` under a notification with a Cancel button; `fraction` (0–1) moves the bar forward only. */
export function withCancellableProgress<T>(title: string, work: (report: ProgressReport, signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    let done = 0;
    const report: ProgressReport = (message, fraction) => {
      const next = fraction === undefined ? done : Math.max(done, Math.min(1, fraction));
      progress.report({ message, increment: (next - done) * 100 });
      done = next;
    };
    try {
      return await work(report, abort.signal);
    } finally {
      sub.dispose();
    }
  });
}
