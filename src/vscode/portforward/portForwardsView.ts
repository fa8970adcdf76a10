// The Port Forwards view: one row per forward — "localhost:L → pod:R" with its state (Starting, Active, Reconnecting
// through its deployment, Failed: why) — with Stop, Open in Browser and Copy URL on the row.
import * as vscode from 'vscode';
import { describeState } from '../../domain/portforward/forwardState';
import type { PortForwarder } from '../../domain/portforward/portForwarder';
import type { PortForwards } from '../../domain/portforward/portForwards';
import { accessibleRow } from '../views/accessibleRow';

export class PortForwardsTreeProvider implements vscode.TreeDataProvider<PortForwarder>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PortForwarder | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: { dispose(): void };

  constructor(private readonly forwards: PortForwards) {
    this.sub = forwards.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: PortForwarder): PortForwarder[] {
    return element ? [] : this.forwards.list();
  }

  getTreeItem(f: PortForwarder): vscode.TreeItem {
    const s = f.state;
    const item = new vscode.TreeItem(`localhost:${f.spec.localPort} → ${f.pod}:${f.spec.remotePort}`, vscode.TreeItemCollapsibleState.None);
    item.id = f.id;
    item.description = describeState(s);
    item.contextValue = `portForward.${s.kind}`;
    item.iconPath = new vscode.ThemeIcon(
      s.kind === 'active' ? 'plug' : s.kind === 'failed' ? 'error' : 'sync~spin',
      new vscode.ThemeColor(s.kind === 'active' ? 'testing.iconPassed' : s.kind === 'failed' ? 'errorForeground' : 'editorWarning.foreground'),
    );
    const via = f.spec.deployment ? `deployment ${f.spec.deployment}, now pod ${f.pod}` : `pod ${f.pod}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${f.url}** → ${via}, port ${f.spec.remotePort}`,
        `context \`${f.spec.context}\`, namespace \`${f.spec.namespace}\``,
        `state: ${describeState(s)}`,
        `${f.connections} connection${f.connections === 1 ? '' : 's'} forwarded`,
        f.spec.deployment ? `If the pod goes away, the forward re-resolves through deployment ${f.spec.deployment}.` : 'A bare pod: if it goes away, the forward fails.',
      ].join('\n\n'),
    );
    // The tooltip is markdown (not read by VS Code): the row says where it leads and in which context itself.
    return accessibleRow(item, { kind: 'Port forward', summary: `to ${via}, context ${f.spec.context}, namespace ${f.spec.namespace}` });
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
