// Registers every command from one list; a test checks the list against package.json.
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
import { platformCommands } from './platform/platformCommands';
import { runbookCommands } from './runbooks/runbookCommands';

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
  ...platformCommands,
  ...runbookCommands,
];

export function registerCommands(services: CockpitServices): vscode.Disposable {
  return vscode.Disposable.from(
    ...commandFactories.map((factory) => {
      const cmd = factory(services);
      return vscode.commands.registerCommand(cmd.id, async (...args: unknown[]) => {
        try {
          return await cmd.run(...args);
        } catch (e) {
          // A bug in one command must surface as a message, never as a dead extension host.
          services.log.error(`${cmd.id} failed`, e);
          void vscode.window.showErrorMessage(`Phoenix Ops: ${cmd.id} failed: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      });
    }),
  );
}
