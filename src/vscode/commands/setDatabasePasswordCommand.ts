// "Set Database Password": stores the PostgreSQL password in SecretStorage (never in settings), under the
// connection the settings name when it runs, after checking it by connecting: a password PostgreSQL rejects is
// said so and not saved; when the database cannot be reached to check, the user chooses whether to save it
// unchecked. Automation may pass the password as the argument (an empty one forgets it); the command answers
// what happened.
import * as vscode from 'vscode';
import { withPg } from '../../clients/postgres/postgresClient';
import { CommandIds } from '../commandIds';
import { databaseKey } from '../secrets';
import type { CommandFactory } from './command';

export type PasswordOutcome = 'saved' | 'savedUnchecked' | 'forgotten' | 'rejected' | 'cancelled';

export const setDatabasePasswordCommand: CommandFactory = ({ settings, secrets }) => ({
  id: CommandIds.setDatabasePassword,
  async run(password?: unknown): Promise<PasswordOutcome | undefined> {
    const s = settings();
    const db = s.database;
    if (!db.host) {
      const pick = await vscode.window.showWarningMessage('Set phoenixOps.database.host first: the password is stored for that database.', 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.database');
      return undefined;
    }
    const key = databaseKey(db);
    const interactive = typeof password !== 'string';
    for (;;) {
      const value = interactive
        ? await vscode.window.showInputBox({ title: 'Phoenix Ops: Set Database Password', prompt: `Password for ${key} (checked by connecting, then kept in VS Code's SecretStorage; empty to forget it)`, password: true, ignoreFocusOut: true })
        : password;
      if (value === undefined) return 'cancelled';
      if (!value) {
        await secrets.setDatabasePassword(key, '');
        if (interactive) void vscode.window.showInformationMessage(`Password for ${key} forgotten.`);
        return 'forgotten';
      }
      const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Checking the password for ${key}…` }, () =>
        withPg({ ...db, password: value, connectTimeoutMs: s.requestTimeoutMs, statementTimeoutMs: s.requestTimeoutMs }, (c) => c.query('SELECT 1')),
      );
      if (check.ok) {
        await secrets.setDatabasePassword(key, value);
        if (interactive) void vscode.window.showInformationMessage(`Connected to ${key}: password saved in SecretStorage.`);
        void vscode.commands.executeCommand(CommandIds.refreshAgents);
        return 'saved';
      }
      if (check.error.kind === 'auth') {
        // Never store what the server has just refused: the views would go on failing with it.
        const again = interactive ? await vscode.window.showErrorMessage(`PostgreSQL rejected the password for ${key}: nothing was saved. (${check.error.message})`, 'Try Again') : undefined;
        if (again) continue;
        return 'rejected';
      }
      // Unreachable, timed out, TLS: the password could not be checked; the user decides (automation keeps the old behaviour: save).
      const save = interactive ? await vscode.window.showWarningMessage(`Could not check the password for ${key}: ${check.error.message}. Save it unchecked?`, 'Save Unchecked') : 'Save Unchecked';
      if (!save) return 'cancelled';
      await secrets.setDatabasePassword(key, value);
      if (interactive) void vscode.window.showInformationMessage(`Password for ${key} saved in SecretStorage (not checked: the database did not answer).`);
      return 'savedUnchecked';
    }
  },
});
