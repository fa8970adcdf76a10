// Asking about Secrets: at backup time whether to include them and how to seal them (a passphrase typed twice, or
// this VS Code's backup key in SecretStorage, made on first use); at restore time the passphrase or the key.
import * as vscode from 'vscode';
import type { BackupManifest } from '../../domain/backups/backupManifest';
import type { SecretsChoice } from '../../domain/backups/backupWriter';
import { keyId, newKey, passphraseProblem, type SealedEnvelope, type Unsealer } from '../../domain/backups/secretBox';
import type { CockpitSecrets } from '../secrets';

interface ModeItem extends vscode.QuickPickItem {
  mode: SecretsChoice['mode'];
}

export async function askSecretsChoice(namespace: string, secrets: CockpitSecrets): Promise<SecretsChoice | undefined> {
  const pick = await vscode.window.showQuickPick<ModeItem>(
    [
      { mode: 'none', label: 'Database and resources, no Secrets', description: 'recommended when Secrets live in a vault', detail: "The namespace's Secrets are not read." },
      { mode: 'passphrase', label: 'Include Secrets, sealed with a passphrase', description: 'restorable anywhere with it', detail: 'AES-256-GCM, key from the passphrase by scrypt. Without the passphrase they cannot be restored.' },
      { mode: 'key', label: "Include Secrets, sealed with this VS Code's backup key", description: 'no passphrase to type', detail: "A random 256-bit key kept in this VS Code's SecretStorage: restorable only where that key is." },
    ],
    { title: `Back up ${namespace}: Secrets?`, placeHolder: 'Secrets are never written in clear', ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.mode === 'none') return { mode: 'none' };
  if (pick.mode === 'key') {
    let key = await secrets.backupKey();
    if (!key) {
      key = newKey();
      await secrets.setBackupKey(key);
      void vscode.window.showInformationMessage(`Phoenix Ops: made backup key ${keyId(key)}, kept in this VS Code's SecretStorage. Backups sealed with it restore their Secrets only where this key is.`);
    }
    return { mode: 'key', key };
  }
  const passphrase = await vscode.window.showInputBox({
    title: `Passphrase for the Secrets of this backup of ${namespace}`,
    prompt: 'It is not stored anywhere: without it these Secrets cannot be restored.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => passphraseProblem(v),
  });
  if (passphrase === undefined) return undefined;
  const again = await vscode.window.showInputBox({
    title: 'Type the passphrase again',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v === '' || v === passphrase ? undefined : 'The two passphrases differ.'),
  });
  if (again !== passphrase) {
    if (again !== undefined) void vscode.window.showErrorMessage('Phoenix Ops: the passphrases differ; nothing was backed up.');
    return undefined;
  }
  return { mode: 'passphrase', passphrase };
}

/** How to open a backup's sealed Secrets: the key from SecretStorage, or a passphrase asked now. */
export async function unsealerFor(envelope: SealedEnvelope, manifest: BackupManifest, secrets: CockpitSecrets): Promise<Unsealer | undefined> {
  if (envelope.key.kind === 'key') {
    const key = await secrets.backupKey();
    if (!key) {
      void vscode.window.showErrorMessage(`Phoenix Ops: the Secrets of ${manifest.id} are sealed with backup key ${envelope.key.keyId}, and this VS Code has no backup key.`);
      return undefined;
    }
    return { key };
  }
  const passphrase = await vscode.window.showInputBox({
    title: `Passphrase of the Secrets in backup ${manifest.id}`,
    prompt: 'The passphrase they were sealed with when the backup was made',
    password: true,
    ignoreFocusOut: true,
  });
  return passphrase ? { passphrase } : undefined;
}
