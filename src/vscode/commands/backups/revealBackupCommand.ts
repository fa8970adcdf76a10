// "Reveal in File Explorer": the backup's folder in the OS file manager; where the editor cannot (a browser-based
// VS Code), its manifest opens instead and the folder's path is copied.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MANIFEST_FILE } from '../../../domain/backups/backupManifest';
import { CommandIds } from '../../commandIds';
import { anyBackupArg } from '../../backups/backupArgs';
import type { CommandFactory } from '../command';

export const revealBackupCommand: CommandFactory = ({ backups }) => ({
  id: CommandIds.revealBackup,
  async run(arg?: unknown): Promise<void> {
    const entry = await anyBackupArg(arg, backups, 'reveal');
    if (!entry) return;
    const folder = vscode.Uri.file(entry.dir);
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('revealFileInOS')) {
      await vscode.commands.executeCommand('revealFileInOS', folder);
      return;
    }
    await vscode.env.clipboard.writeText(entry.dir);
    if (entry.kind === 'complete') await vscode.window.showTextDocument(vscode.Uri.file(join(entry.dir, MANIFEST_FILE)), { preview: true });
    void vscode.window.showInformationMessage(`Phoenix Ops: ${entry.dir} (path copied).`);
  },
});
