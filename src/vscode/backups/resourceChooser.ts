// The guided restore's "choose resources" step in the editor: a multi-select of every backed-up resource with its
// state (changed and missing preselected), and a Show Diff button per row opening VS Code's diff editor of the
// backed-up YAML against the live one (read-only documents held in memory; Secrets are never shown).
import * as vscode from 'vscode';
import type { ResourceChoice, ResourceState } from '../../domain/backups/restoreActions';

export const DIFF_SCHEME = 'phoenix-backup';

/** Read-only in-memory documents for the diffs (phoenix-backup:/<backup>/<backup|live>/<kind>/<name>.yaml). */
export class BackupDiffDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();

  set(uri: vscode.Uri, text: string): void {
    this.docs.set(uri.toString(), text);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '# no longer held: run the choose step again\n';
  }
}

const documents = new BackupDiffDocuments();

export function registerDiffDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, documents);
}

const WORDS: Record<ResourceState, string> = { changed: 'changed since the backup', missing: 'not in the cluster', same: 'as in the backup', sealed: 'sealed Secret' };
const ICONS: Record<ResourceState, string> = { changed: 'diff-modified', missing: 'diff-added', same: 'dash', sealed: 'lock' };

interface Item extends vscode.QuickPickItem {
  choice: ResourceChoice;
}

export async function showResourceDiff(c: ResourceChoice, backupId: string): Promise<void> {
  const path = (side: string) => `/${encodeURIComponent(backupId)}/${side}/${c.kind}/${c.name}.yaml`;
  const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: path('live') });
  const right = vscode.Uri.from({ scheme: DIFF_SCHEME, path: path('backup') });
  documents.set(left, c.liveYaml ?? `# ${c.id} is not in the cluster\n`);
  documents.set(right, c.backupYaml ?? '');
  await vscode.commands.executeCommand('vscode.diff', left, right, `${c.id}: live ↔ backup ${backupId}`, { preview: true, preserveFocus: true });
}

/** The ids the user chose, or undefined when they dismissed the picker. */
export function chooseResources(items: ResourceChoice[], restore: { id: string; namespace: string }): Promise<string[] | undefined> {
  const diffButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('diff'), tooltip: 'Show Diff' };
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `Resources to put back into ${restore.namespace} (backup ${restore.id})`;
  qp.placeholder = 'Changed and missing resources are selected; Enter applies the selection in the next step';
  qp.canSelectMany = true;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  qp.items = items.map((choice) => ({
    choice,
    label: `$(${ICONS[choice.state]}) ${choice.id}`,
    description: WORDS[choice.state],
    ...(choice.changed.length ? { detail: `changed: ${choice.changed.join(', ')}` } : {}),
    ...(choice.state === 'changed' || choice.state === 'missing' ? { buttons: [diffButton] } : {}),
  }));
  qp.selectedItems = qp.items.filter((i) => i.choice.state === 'changed' || i.choice.state === 'missing');
  return new Promise((resolve) => {
    let done = false;
    qp.onDidTriggerItemButton((e) => void showResourceDiff(e.item.choice, restore.id));
    qp.onDidAccept(() => {
      done = true;
      resolve(qp.selectedItems.map((i) => i.choice.id));
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}
