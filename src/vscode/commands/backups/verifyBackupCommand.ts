// "Verify": every checksum, the archive's table of contents and every row of the dump against the manifest; the
// result (and its time) goes into the manifest, and the Backups view shows it. A damaged file is named.
import * as vscode from 'vscode';
import { recordVerification } from '../../../domain/backups/backupStore';
import { verifyBackup, type VerifyReport } from '../../../domain/backups/backupVerifier';
import { CommandIds } from '../../commandIds';
import { completeBackupArg } from '../../backups/backupArgs';
import { withCancellableProgress } from '../../backups/backupProgress';
import type { CommandFactory } from '../command';

export const verifyBackupCommand: CommandFactory = ({ backups, audit }) => ({
  id: CommandIds.verifyBackup,
  async run(arg?: unknown): Promise<VerifyReport | undefined> {
    const entry = await completeBackupArg(arg, backups, 'verify');
    if (!entry) return undefined;
    const m = entry.manifest;
    const report = await withCancellableProgress(`Verifying backup ${m.id}`, (progress, signal) =>
      backups.model.track({ kind: 'verifying', id: m.id, message: 'checksums' }, (update) =>
        verifyBackup(entry.dir, {
          signal,
          ...(backups.postgresBinDir() ? { postgresBinDir: backups.postgresBinDir() } : {}),
          onProgress: (message) => {
            progress(message);
            update(message);
          },
        }),
      ),
    );
    if (report.cancelled) {
      void vscode.window.showWarningMessage(`Phoenix Ops: verification of ${m.id} cancelled; nothing recorded.`);
      return report;
    }
    await recordVerification(entry.dir, { kind: 'verify', at: new Date().toISOString(), ok: report.ok, durationMs: report.durationMs, detail: report.summary }).catch((e: unknown) =>
      vscode.window.showWarningMessage(`Phoenix Ops: the result could not be written into ${m.id}'s manifest: ${e instanceof Error ? e.message : String(e)}`),
    );
    await audit.record({ context: m.context, namespace: m.namespace, object: `backup/${m.id}`, action: 'verify backup', outcome: report.ok ? 'succeeded' : 'failed', detail: report.summary, durationMs: report.durationMs });
    await backups.model.refresh();
    if (report.ok) void vscode.window.showInformationMessage(`Phoenix Ops: backup ${m.id} verified ✓ — ${report.summary} (${(report.durationMs / 1000).toFixed(1)} s).`);
    else void vscode.window.showErrorMessage(`Phoenix Ops: backup ${m.id} is damaged ✗ — ${report.problems.map((p) => p.message).slice(0, 3).join('; ')}`);
    return report;
  },
});
