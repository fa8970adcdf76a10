// "Requeue Failed Task" (confirmed, audit-logged): failed → pending in the PostgreSQL queue, so its agent runs it again.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { taskArg } from './platformArgs';
import { valueOrThrow } from '../../../core/result';

export const requeueTaskCommand: CommandFactory = ({ platform, guard }) => ({
  id: CommandIds.requeueTask,
  async run(arg?: unknown) {
    const task = taskArg(arg);
    const queue = platform.clients().taskQueue;
    if (!task || !queue) return;
    if (task.status !== 'failed') {
      void vscode.window.showInformationMessage(`Task ${task.id} is ${task.status}; only failed tasks are requeued.`);
      return;
    }
    const outcome = await guard
      .run(
        {
          action: 'requeue task',
          context: 'database',
          object: `task/${task.id}`,
          confirmText: task.id,
          destructive: true,
          summary: `requeue failed task ${task.id} (${task.type} "${task.action}" on ${task.hostId}): it goes back to pending and ${task.hostId} runs it again`,
        },
        async () => {
          return valueOrThrow(await queue.requeue(task.id));
        },
        `${await queue.where()}${task.error ? `; it had failed with: ${task.error}` : ''}`,
      )
      .catch((e: unknown) => {
        void vscode.window.showErrorMessage(`Could not requeue task ${task.id}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      });
    if (!outcome?.ran) return;
    await platform.agents.refresh();
    platform.refreshExperimentsView();
    void vscode.window.showInformationMessage(`Task ${task.id} requeued: ${task.hostId} picks it up on its next poll.`);
    return outcome.value;
  },
});
