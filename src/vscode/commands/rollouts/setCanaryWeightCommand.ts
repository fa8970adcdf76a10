// Set Canary Weight…: a person drives the traffic share; the rollout pauses there (gates still guard it) until resumed.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { runControl } from './rolloutCommand';

export const setCanaryWeightCommand: CommandFactory = (services) => ({
  id: CommandIds.setCanaryWeight,
  run: (arg?: unknown, weightArg?: unknown) =>
    runControl(
      services,
      arg,
      async (t) => {
        if (typeof weightArg === 'number') return { kind: 'setWeight', weight: weightArg };
        const current = t.snapshot?.state?.weight;
        const text = await vscode.window.showInputBox({
          title: `Set Canary Weight: ${t.snapshot?.state?.target.deployment ?? t.canary} (${t.context}/${t.namespace})`,
          prompt: `Canary traffic share in percent (now ${current ?? '?'} %). The rollout pauses at it; Resume returns to the plan.`,
          value: current !== undefined ? String(current) : '',
          ignoreFocusOut: true,
          validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) && Number(v) <= 100 ? undefined : 'A whole percent from 0 to 100.'),
        });
        return text === undefined ? undefined : { kind: 'setWeight', weight: Number(text.trim()) };
      },
      { action: 'set canary weight', destructive: false, summary: (p) => `set the canary weight of ${p} by hand` },
    ),
});
