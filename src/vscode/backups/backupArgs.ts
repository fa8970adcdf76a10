// What a backup command acts on: the row it was run from, or — from the palette — a backup picked from a list.
import * as vscode from 'vscode';
import type { BackupsNode, CompleteEntry } from '../../domain/backups/backupNodes';
import { backupTime } from '../../domain/backups/backupNodes';
import type { BackupEntry } from '../../domain/backups/backupStore';
import type { NamespaceNode } from '../../domain/clusters/clusterNodes';
import { humanBytes, totalSize, verifiedState, verifiedText } from '../../domain/backups/backupText';
import type { BackupServices } from './backupServices';

/** The namespace a command runs on: the Clusters row it was run from, else the cockpit's selection (an error said when there is none). */
export function namespaceTarget(arg: unknown, selection: { readonly current: { context?: string; namespace?: string } }): { context: string; namespace: string } | undefined {
  const node = arg as NamespaceNode | undefined;
  const target = node?.kind === 'namespace' ? { context: node.context, namespace: node.name } : selection.current;
  if (target.context && target.namespace) return { context: target.context, namespace: target.namespace };
  void vscode.window.showErrorMessage('Phoenix Ops: select a context and namespace first (Switch Context), or run this on a namespace in the Clusters view.');
  return undefined;
}

/** A complete backup from a row or a pick; undefined when there is none or the user picked nothing. */
export async function completeBackupArg(arg: unknown, backups: BackupServices, action: string): Promise<CompleteEntry | undefined> {
  const node = arg as BackupsNode | undefined;
  if (node?.kind === 'backup') return node.entry;
  await backups.model.refresh();
  const entries = backups.model.snapshot.entries.filter((e): e is CompleteEntry => e.kind === 'complete');
  if (!entries.length) {
    void vscode.window.showInformationMessage(`Phoenix Ops: there are no backups in ${backups.destination()} to ${action}.`);
    return undefined;
  }
  const now = new Date();
  const pick = await vscode.window.showQuickPick(
    entries.map((e) => ({
      entry: e,
      label: backupTime(e.manifest.createdAt),
      description: `${e.manifest.context}/${e.manifest.namespace} · ${humanBytes(totalSize(e.manifest))} · ${verifiedText(verifiedState(e.manifest), now)}`,
      detail: e.id,
    })),
    { title: `${action[0].toUpperCase()}${action.slice(1)} which backup?`, matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.entry;
}

/** Any backup folder (complete, damaged or interrupted), for Delete and Reveal. */
export async function anyBackupArg(arg: unknown, backups: BackupServices, action: string): Promise<BackupEntry | undefined> {
  const node = arg as BackupsNode | undefined;
  if (node?.kind === 'damaged' || node?.kind === 'partial') return node.entry;
  return completeBackupArg(arg, backups, action);
}
