// "Set Database Password": stores the PostgreSQL password in SecretStorage (never in settings), under the
// connection the settings name when it runs. Automation may pass the password; an empty one forgets it.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { databaseKey } from '../secrets';
import type { CommandFactory } from './command';

export const setDatabasePasswordCommand: CommandFactory = ({ settings, secrets }) => ({
  id: CommandIds.setDatabasePassword,
  async run(password?: unknown) {
    const db = settings().database;
    if (!db.host) {
      const pick = await vscode.window.showWarningMessage('Set phoenixOps.database.host first: the password is stored for that database.', 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.database');
      return;
    }
    const key = databaseKey(db);
    const value =
      typeof password === 'string'
        ? password
        : await vscode.window.showInputBox({ title: 'Phoenix Ops: Set Database Password', prompt: `Password for ${key} (kept in VS Code's SecretStorage; empty to forget it)`, password: true, ignoreFocusOut: true });
    if (value === undefined) return;
    await secrets.setDatabasePassword(key, value);
    if (typeof password !== 'string') void vscode.window.showInformationMessage(value ? `Password for ${key} saved in SecretStorage.` : `Password for ${key} forgotten.`);
    return { key };
  },
});
