// Re-reads the backups destination.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshBackupsCommand: CommandFactory = ({ backups }) => ({
  id: CommandIds.refreshBackups,
  run: () => backups.model.refresh(),
});
