// The pod actions (Describe, Shell / Exec, Delete, Delete by selector, Previous Logs, Refresh of their documents), listed once for registerCommands.
import type { CommandFactory } from '../command';
import { deletePodCommand } from './deletePodCommand';
import { deletePodsCommand } from './deletePodsCommand';
import { describePodCommand } from './describePodCommand';
import { execPodCommand } from './execPodCommand';
import { previousLogsCommand } from './previousLogsCommand';
import { refreshPodDocumentCommand } from './refreshPodDocumentCommand';

export const podCommands: readonly CommandFactory[] = [describePodCommand, refreshPodDocumentCommand, previousLogsCommand, execPodCommand, deletePodCommand, deletePodsCommand];
