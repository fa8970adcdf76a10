// "Reveal" on a Secret's key: a sensitive read, so it goes through the mutation guard like a change — read-only mode
// blocks it, a protected context asks for the Secret's name, the audit log records who revealed which key (never the
// value). The value is read fresh and shown once, in a modal, with Copy to Clipboard; it is never logged or kept.
import * as vscode from 'vscode';
import { valueOrThrow } from '../../../core/result';
import { secretValue, type AnyObject } from '../../../domain/resources/resourceRows';
import { CommandIds } from '../../commandIds';
import { pickRowFirst, resourcesClientFor, secretKeyRowOf } from '../../resources/resourceTarget';
import type { CommandFactory } from '../command';

export type RevealOutcome = { revealed: true; copied: boolean } | { revealed: false; why: 'blocked' | 'cancelled' | 'failed' | 'missing'; message?: string };

export const revealSecretKeyCommand: CommandFactory = (services) => ({
  id: CommandIds.revealSecretKey,
  async run(arg?: unknown): Promise<RevealOutcome | undefined> {
    const row = secretKeyRowOf(arg);
    if (!row) return pickRowFirst('Reveal', "a Secret's key");
    const client = resourcesClientFor(services, row.context, 'reveal a Secret');
    if (!client) return undefined;
    const secretType = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret' };
    const what = `key ${row.key} of Secret ${row.secret} in ${row.namespace} (${row.context})`;
    let value: string | undefined;
    try {
      const r = await services.guard.run(
        { action: 'reveal secret key', context: row.context, namespace: row.namespace, object: `secret/${row.secret}`, confirmText: row.secret, summary: `reveal ${what}` },
        async () => secretValue(valueOrThrow(await client.get(secretType, row.namespace, row.secret)) as AnyObject, row.key),
        `key ${row.key}`,
      );
      if (!r.ran) return { revealed: false, why: r.why };
      value = r.value;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: could not read ${what}: ${message}`);
      return { revealed: false, why: 'failed', message };
    }
    if (value === undefined) {
      void vscode.window.showWarningMessage(`Phoenix Ops: ${what} no longer exists.`);
      return { revealed: false, why: 'missing' };
    }
    const copy = 'Copy to Clipboard';
    const answer = await vscode.window.showInformationMessage(`${row.secret} › ${row.key}`, { modal: true, detail: value }, copy);
    if (answer === copy) {
      await vscode.env.clipboard.writeText(value);
      void vscode.window.showInformationMessage(`Phoenix Ops: copied ${what} to the clipboard.`);
    }
    return { revealed: true, copied: answer === copy };
  },
});
