// "Test Restore": the backup restored into a scratch database (<db>_verify_<time>) on the cockpit's PostgreSQL, rows
// compared with the manifest, the scratch database dropped. It creates a database on the server: a guarded change
// (blocked in read-only mode, audited). The result goes into the manifest and the view.
import * as vscode from 'vscode';
import { recordVerification } from '../../../domain/backups/backupStore';
import { testRestore, type TestRestoreReport } from '../../../domain/backups/testRestore';
import { CommandIds } from '../../commandIds';
import { completeBackupArg } from '../../backups/backupArgs';
import { withCancellableProgress } from '../../backups/backupProgress';
import type { CommandFactory } from '../command';

export const testRestoreBackupCommand: CommandFactory = ({ backups, guard }) => ({
  id: CommandIds.testRestoreBackup,
  async run(arg?: unknown): Promise<TestRestoreReport | undefined> {
    const entry = await completeBackupArg(arg, backups, 'test-restore');
    if (!entry) return undefined;
    const m = entry.manifest;
    const database = await backups.database();
    if ('message' in database) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot test-restore ${m.id}: ${database.message}`);
      return undefined;
    }
    const server = `${database.host}:${database.port}`;
    let report: TestRestoreReport | undefined;
    try {
      const outcome = await guard.run(
        {
          action: 'test restore backup',
          context: `database ${server}`,
          object: `backup/${m.id}`,
          confirmText: m.id,
          summary: `restore backup ${m.id} into a scratch database on ${server}, compare its rows with the backup, then drop it`,
        },
        async () =>
          withCancellableProgress(`Test-restoring backup ${m.id}`, (progress, signal) =>
            backups.model.track({ kind: 'testRestoring', id: m.id, message: 'starting' }, async (update) => {
              report = await testRestore(entry.dir, m, {
                database,
                signal,
                ...(backups.postgresBinDir() ? { postgresBinDir: backups.postgresBinDir() } : {}),
                onProgress: (message) => {
                  progress(message);
                  update(message);
                },
              });
              if (!report.verification.ok && !report.cancelled) throw new Error(report.verification.detail);
              return report;
            }),
          ),
        `scratch database on ${server}`,
      );
      if (!outcome.ran) return undefined;
    } catch (e) {
      if (!report) {
        void vscode.window.showErrorMessage(`Phoenix Ops: test restore of ${m.id} failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    }
    if (!report) return undefined;
    if (report.cancelled) {
      void vscode.window.showWarningMessage(`Phoenix Ops: test restore of ${m.id} cancelled${report.dropped ? `; ${report.scratchDatabase} was dropped` : ''}.`);
      return report;
    }
    await recordVerification(entry.dir, report.verification).catch(() => undefined);
    await backups.model.refresh();
    const seconds = (report.verification.durationMs / 1000).toFixed(1);
    if (report.verification.ok) void vscode.window.showInformationMessage(`Phoenix Ops: backup ${m.id} test-restored ✓ — ${report.verification.detail} (${seconds} s; dropped again).`);
    else void vscode.window.showErrorMessage(`Phoenix Ops: test restore of ${m.id} failed ✗ — ${report.verification.detail}`);
    return report;
  },
});
