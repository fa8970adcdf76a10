// The open log tails: several at once, each in its own panel; closed panels stop their streams.
import type * as vscode from 'vscode';
import { type WorkloadsClient } from '../../../clients/kubernetes/workloadsClient';
import type { LogTailOptions, LogTailSource } from '../../../domain/logs/logTail';
import { LogTailPanel, type LogTailPanelDeps, type LogTailSnapshot } from './logTailPanel';

export class LogTails implements vscode.Disposable {
  private readonly panels = new Set<LogTailPanel>();

  constructor(private readonly deps: () => LogTailPanelDeps) {}

  async open(client: WorkloadsClient, title: string, subtitle: string, options: LogTailOptions): Promise<LogTailPanel> {
    const source: LogTailSource = {
      pods: (namespace, selectors) => client.source('pods', namespace, selectors),
      follow: (req, handlers, signal) => client.followLog(req, handlers, signal),
    };
    const panel = await LogTailPanel.open(this.deps(), { title, subtitle, source, options });
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
    return panel;
  }

  snapshots(): LogTailSnapshot[] {
    return [...this.panels].map((p) => p.snapshot());
  }

  /** Stops every tail (panels stay open with what they have). */
  stopAll(): void {
    for (const p of this.panels) p.stop();
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
  }
}
