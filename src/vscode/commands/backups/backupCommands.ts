// The backup commands, registered from the one list in registerCommands.
import type { CommandFactory } from '../command';
import { applyBackupRetentionCommand } from './applyBackupRetentionCommand';
import { backUpCommand } from './backUpCommand';
import { deleteBackupCommand } from './deleteBackupCommand';
import { exportBackupCronJobCommand } from './exportBackupCronJobCommand';
import { refreshBackupsCommand } from './refreshBackupsCommand';
import { restoreBackupCommand } from './restoreBackupCommand';
import { revealBackupCommand } from './revealBackupCommand';
import { testRestoreBackupCommand } from './testRestoreBackupCommand';
import { verifyBackupCommand } from './verifyBackupCommand';

export const backupCommands: readonly CommandFactory[] = [
  backUpCommand,
  refreshBackupsCommand,
  verifyBackupCommand,
  testRestoreBackupCommand,
  restoreBackupCommand,
  revealBackupCommand,
  deleteBackupCommand,
  applyBackupRetentionCommand,
  exportBackupCronJobCommand,
];
