// "Delete": removes a backup folder (complete, damaged or interrupted) after a confirmation — on a protected
// context by typing the backup's name — through the mutation guard, audited. Only folders of the destination.
import * as vscode from 'vscode';
import { lastVerification } from '../../../domain/backups/backupManifest';
import { deleteBackup } from '../../../domain/backups/backupStore';
import { backupTime } from '../../../domain/backups/backupNodes';
import { humanBytes, totalSize } from '../../../domain/backups/backupText';
import { CommandIds } from '../../commandIds';
import { anyBackupArg } from '../../backups/backupArgs';
import type { CommandFactory } from '../command';

export const deleteBackupCommand: CommandFactory = ({ backups, guard }) => ({
  id: CommandIds.deleteBackup,
  async run(arg?: unknown): Promise<boolean> {
    const entry = await anyBackupArg(arg, backups, 'delete');
    if (!entry) return false;
    const destination = backups.destination();
    let summary: string;
    let where = { context: 'backups', namespace: undefined as string | undefined };
    if (entry.kind === 'complete') {
      const m = entry.manifest;
      where = { context: m.context, namespace: m.namespace };
      const newestVerified = backups.model.snapshot.entries.find(
        (e) => e.kind === 'complete' && e.manifest.context === m.context && e.manifest.namespace === m.namespace && lastVerification(e.manifest)?.ok === true,
      );
      const note = newestVerified?.id === entry.id ? ` It is the newest verified backup of ${m.context}/${m.namespace}.` : '';
      summary = `delete backup ${m.id} (${m.context}/${m.namespace}, taken ${backupTime(m.createdAt)}, ${humanBytes(totalSize(m))}) from ${destination}; it cannot be undone.${note}`;
    } else {
      summary = `delete the ${entry.kind === 'partial' ? 'incomplete' : 'damaged'} backup folder ${entry.id} from ${destination}`;
    }
    try {
      const r = await guard.run(
        { action: 'delete backup', context: where.context, ...(where.namespace ? { namespace: where.namespace } : {}), object: `backup/${entry.id}`, confirmText: entry.id, destructive: true, summary },
        () => deleteBackup(destination, entry.dir),
        entry.dir,
      );
      if (!r.ran) return false;
    } catch (e) {
      void vscode.window.showErrorMessage(`Phoenix Ops: could not delete ${entry.id}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      await backups.model.refresh();
    }
    void vscode.window.showInformationMessage(`Phoenix Ops: backup ${entry.id} deleted.`);
    return true;
  },
});
