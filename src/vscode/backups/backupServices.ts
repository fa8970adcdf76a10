// What the backup commands share: the Backups view's model, the destination, the cockpit's database connection
// and namespace lister, the secret prompts, and the folder where guided restores are prepared. Built by registerBackups.
import type { NamespaceObjectsClient } from '../../clients/kubernetes/namespaceObjectsClient';
import type { PgSettings } from '../../clients/postgres/postgresClient';
import type { BackupsModel } from '../../domain/backups/backupsModel';
import type { RetentionPolicy } from '../../domain/backups/retention';

export interface BackupServices {
  model: BackupsModel;
  /** The destination folder (the setting, or the extension's global storage). */
  destination(): string;
  /** The cockpit's PostgreSQL with its password, or why there is none. */
  database(): Promise<PgSettings | { message: string }>;
  postgresBinDir(): string | undefined;
  /** The retention policy of the settings (phoenixOps.backups.retention.*). */
  retention(): RetentionPolicy;
  objectsClient(context: string): NamespaceObjectsClient | { message: string };
  /** Where guided restores get their runbook and working folder. */
  restoresDir: string;
  cockpitVersion: string;
}
