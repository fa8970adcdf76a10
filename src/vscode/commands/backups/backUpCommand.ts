// "Back Up…": a namespace (from the Clusters tree, or the cockpit's selection) and the cockpit's database into one
// checksummed folder. Asks about Secrets, shows the phase and bytes written with a Cancel that stops pg_dump, and
// says what happened; a failed or cancelled backup leaves nothing behind. Reads only: allowed in read-only mode, audited.
import * as vscode from 'vscode';
import { type BackupPhase, type BackupResult, type SecretsChoice, writeBackup } from '../../../domain/backups/backupWriter';
import { humanBytes, totalRows, totalSize } from '../../../domain/backups/backupText';
import { CommandIds } from '../../commandIds';
import { askSecretsChoice } from '../../backups/secretsPrompt';
import { namespaceTarget } from '../../backups/backupArgs';
import { withCancellableProgress } from '../../backups/backupProgress';
import type { CommandFactory } from '../command';

/** Where each phase starts on the progress bar. */
const PHASE_AT: Record<BackupPhase, number> = { preparing: 0, resources: 0.05, dumping: 0.15, checksums: 0.85, finishing: 0.95 };

export interface BackUpOptions {
  /** Skip the Secrets question (tests, automation): none, the backup key, or a passphrase. */
  secrets?: 'none' | 'key' | { passphrase: string };
}

export const backUpCommand: CommandFactory = ({ backups, selection, secrets, audit, log }) => ({
  id: CommandIds.backUp,
  async run(arg?: unknown, options?: BackUpOptions): Promise<BackupResult | undefined> {
    const target = namespaceTarget(arg, selection);
    if (!target) return undefined;
    const { context, namespace } = target;
    const database = await backups.database();
    if ('message' in database) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot back up ${namespace}: ${database.message}`, 'Open Settings').then((b) => b && vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.database'));
      return undefined;
    }
    const lister = backups.objectsClient(context);
    if ('message' in lister) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot back up ${context}/${namespace}: ${lister.message}`);
      return undefined;
    }
    const choice = await secretsOption(options?.secrets, namespace, secrets);
    if (!choice) return undefined;
    const destination = backups.destination();
    const started = Date.now();
    const result = await withCancellableProgress(`Backing up ${context}/${namespace} and database ${database.database}`, (report, signal) =>
      backups.model.track({ kind: 'backingUp', context, namespace, message: 'starting' }, (update) =>
        writeBackup(
          { destination, context, namespace, secrets: choice },
          {
            database,
            ...(backups.postgresBinDir() ? { postgresBinDir: backups.postgresBinDir() } : {}),
            kube: { list: (kind, ns, s) => lister.list(kind, ns, s) },
            cockpitVersion: backups.cockpitVersion,
            onProgress: (p) => {
              const text = p.bytes !== undefined ? `${p.message}: ${humanBytes(p.bytes)} written` : p.message;
              report(text, PHASE_AT[p.phase]);
              update(text);
            },
          },
          signal,
        ),
      ),
    );
    void backups.model.refresh();
    const base = { context, namespace, object: `namespace/${namespace}`, action: 'back up', durationMs: Date.now() - started };
    if (result.ok) {
      const m = result.manifest;
      const what = `${humanBytes(totalSize(m))}: ${m.tables.length} tables (${totalRows(m)} rows), ${m.resources.reduce((n, r) => n + r.count, 0)} resources${m.secrets.included ? `, ${m.secrets.count} Secrets sealed` : ''}`;
      await audit.record({ ...base, outcome: 'succeeded', detail: `${m.id} in ${destination}, ${what}` });
      log.info(`backup ${m.id} complete: ${what}`);
      void vscode.window.showInformationMessage(`Phoenix Ops: backup ${m.id} is complete — ${what}.`, 'Verify', 'Reveal').then((b) => {
        const node = backups.model.snapshot.entries.find((e) => e.id === m.id);
        const row = node && { kind: 'backup', entry: node };
        if (b === 'Verify') void vscode.commands.executeCommand(CommandIds.verifyBackup, row);
        if (b === 'Reveal') void vscode.commands.executeCommand(CommandIds.revealBackup, row);
      });
      return result;
    }
    const left = result.partialRemoved ? 'Nothing of it was kept.' : 'Its partial folder could not be removed: delete it from the Backups view.';
    await audit.record({ ...base, outcome: result.cancelled ? 'cancelled' : 'failed', detail: `${result.phase}: ${result.message}` });
    if (result.cancelled) void vscode.window.showWarningMessage(`Phoenix Ops: backup of ${context}/${namespace} cancelled while ${phaseWords(result.phase)}. ${left}`);
    else void vscode.window.showErrorMessage(`Phoenix Ops: backup of ${context}/${namespace} failed while ${phaseWords(result.phase)}: ${result.message}. ${result.hint ? `${result.hint} ` : ''}${left}`);
    return result;
  },
});

function phaseWords(p: BackupPhase): string {
  return { preparing: 'preparing', resources: 'reading the namespace', dumping: 'dumping the database', checksums: 'computing checksums', finishing: 'writing the manifest' }[p];
}

async function secretsOption(option: BackUpOptions['secrets'], namespace: string, secrets: Parameters<typeof askSecretsChoice>[1]): Promise<SecretsChoice | undefined> {
  if (option === undefined) return askSecretsChoice(namespace, secrets);
  if (option === 'none') return { mode: 'none' };
  if (option === 'key') {
    const key = await secrets.backupKey();
    return key ? { mode: 'key', key } : askSecretsChoice(namespace, secrets);
  }
  return { mode: 'passphrase', passphrase: option.passphrase };
}
