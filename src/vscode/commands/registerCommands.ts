// Every command, from one list. Start-up registers a stand-in per id of CommandIds (package.json declares them);
// the first call loads the cockpit, which runs the command built here. A test checks the three agree.
import * as vscode from 'vscode';
import type { CockpitServices, CommandFactory } from './command';
import { refreshClustersCommand } from './refreshClustersCommand';
import { retryNodeCommand } from './retryNodeCommand';
import { selectContextCommand } from './selectContextCommand';
import { selectNamespaceCommand } from './selectNamespaceCommand';
import { setApiTokenCommand } from './setApiTokenCommand';
import { setDatabasePasswordCommand } from './setDatabasePasswordCommand';
import { switchContextCommand } from './switchContextCommand';
import { switchNamespaceCommand } from './switchNamespaceCommand';
import { useAsKubectlContextCommand } from './useAsKubectlContextCommand';
import { workloadCommands } from './workloads/workloadCommands';
import { nodeCommands } from './nodes/nodeCommands';
import { podCommands } from './pods/podCommands';
import { portForwardCommands } from './portforward/portForwardCommands';
import { editCommands } from './edit/editCommands';
import { resourceCommands } from './resources/resourceCommands';
import { platformCommands } from './platform/platformCommands';
import { runbookCommands } from './runbooks/runbookCommands';
import { backupCommands } from './backups/backupCommands';
import { showServiceHealthCommand } from './health/showServiceHealthCommand';
import { rolloutCommands } from './rollouts/rolloutCommands';

export const commandFactories: readonly CommandFactory[] = [
  switchContextCommand,
  switchNamespaceCommand,
  useAsKubectlContextCommand,
  refreshClustersCommand,
  retryNodeCommand,
  selectContextCommand,
  selectNamespaceCommand,
  setDatabasePasswordCommand,
  setApiTokenCommand,
  ...workloadCommands,
  ...podCommands,
  ...editCommands,
  ...resourceCommands,
  ...nodeCommands,
  ...portForwardCommands,
  ...platformCommands,
  ...runbookCommands,
  ...backupCommands,
  showServiceHealthCommand,
  ...rolloutCommands,
];

export type CommandRunner = (args: unknown[]) => Promise<unknown>;

export function commandTable(services: CockpitServices): Map<string, CommandRunner> {
  const table = new Map<string, CommandRunner>();
  for (const factory of commandFactories) {
    const cmd = factory(services);
    table.set(cmd.id, async (args) => {
      try {
        return await cmd.run(...args);
      } catch (e) {
        // A bug in one command must surface as a message, never as a dead extension host.
        services.log.error(`${cmd.id} failed`, e);
        void vscode.window.showErrorMessage(`Phoenix Ops: ${cmd.id} failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    });
  }
  return table;
}
