// "Restore…": verifies the backup in full first (a damaged one is refused, the file named), then prepares the
// guided restore — a runbook for this backup with its own working folder and parameters — selects the backup's
// context and namespace in the cockpit (asked, when they differ) and opens it. Nothing is changed until its steps run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { compactTime } from '../../../domain/backups/backupNames';
import { recordVerification } from '../../../domain/backups/backupStore';
import { verifyBackup } from '../../../domain/backups/backupVerifier';
import { contextProblem, RESTORE_PARAMETERS_FILE, RESTORE_RUNBOOK_FILE, restoreParameters, restoreRunbook } from '../../../domain/backups/restoreRunbook';
import { CommandIds } from '../../commandIds';
import { completeBackupArg } from '../../backups/backupArgs';
import { withCancellableProgress } from '../../backups/backupProgress';
import { RUNBOOK_NOTEBOOK_TYPE } from '../../runbooks/runbookNotebookType';
import type { CommandFactory } from '../command';

export const restoreBackupCommand: CommandFactory = ({ backups, selection, audit }) => ({
  id: CommandIds.restoreBackup,
  async run(arg?: unknown): Promise<vscode.Uri | undefined> {
    const entry = await completeBackupArg(arg, backups, 'restore');
    if (!entry) return undefined;
    const m = entry.manifest;
    const problem = contextProblem(m.context);
    if (problem) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot prepare a restore of ${m.id}: ${problem}.`);
      return undefined;
    }
    const report = await withCancellableProgress(`Verifying backup ${m.id} before restoring it`, (progress, signal) =>
      verifyBackup(entry.dir, { signal, ...(backups.postgresBinDir() ? { postgresBinDir: backups.postgresBinDir() } : {}), onProgress: (s) => progress(s) }),
    );
    if (report.cancelled) return undefined;
    await recordVerification(entry.dir, { kind: 'verify', at: new Date().toISOString(), ok: report.ok, durationMs: report.durationMs, detail: report.summary }).catch(() => undefined);
    void backups.model.refresh();
    if (!report.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: backup ${m.id} is damaged and will not be restored ✗ — ${report.problems.map((p) => p.message).slice(0, 3).join('; ')}`);
      return undefined;
    }

    const dir = join(backups.restoresDir, `${m.id}_restore-${compactTime(new Date())}`);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const parameters = restoreParameters({
      id: m.id,
      dir: entry.dir,
      dumpFile: m.database.file,
      context: m.context,
      namespace: m.namespace,
      database: { host: m.database.host, port: m.database.port, name: m.database.name },
      restoreDir: dir,
      ...(backups.postgresBinDir() ? { postgresBinDir: backups.postgresBinDir() } : {}),
    });
    await writeFile(join(dir, RESTORE_PARAMETERS_FILE), `${JSON.stringify({ backup: m.id, preparedAt: new Date().toISOString(), parameters }, null, 2)}\n`, { mode: 0o600 });
    const runbook = vscode.Uri.file(join(dir, RESTORE_RUNBOOK_FILE));
    await writeFile(runbook.fsPath, restoreRunbook(m.context), { mode: 0o600 });

    const sel = selection.current;
    if (sel.context !== m.context || sel.namespace !== m.namespace) {
      const select = `Select ${m.context}/${m.namespace}`;
      const answer = await vscode.window.showInformationMessage(
        `The restore runs on ${m.context}/${m.namespace}; the cockpit is on ${sel.context ?? '(no context)'}/${sel.namespace ?? ''}.`,
        { modal: true, detail: 'Its steps refuse to run on another context. Select the backup\'s context and namespace in the cockpit now?' },
        select,
        'Open Without Selecting',
      );
      if (answer === undefined) return undefined;
      if (answer === select) await selection.select(m.context, m.namespace);
    }
    await audit.record({ context: m.context, namespace: m.namespace, object: `backup/${m.id}`, action: 'prepare guided restore', outcome: 'succeeded', detail: runbook.fsPath });
    await vscode.commands.executeCommand('vscode.openWith', runbook, RUNBOOK_NOTEBOOK_TYPE);
    return runbook;
  },
});
