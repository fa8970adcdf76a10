// promptEnv's question: one input box per variable a shell step exports, as Runme asks it ("Set Environment
// Variable"), the cell's placeholder offered as the answer; a secret's box hides what is typed. Escape: undefined.
import * as vscode from 'vscode';
import type { EnvPrompt } from '../../domain/runbook/promptEnv';
import type { Step } from '../../domain/runbook/runbookRunner';
import { stepLabel } from '../../domain/runbook/runTranscript';

export function askEnv(prompt: EnvPrompt, step: Step, n: number, count: number): Promise<string | undefined> {
  return Promise.resolve(
    vscode.window.showInputBox({
      title: `Set Environment Variable "${prompt.name}"${count > 1 ? ` (${n}/${count})` : ''}`,
      prompt: `${stepLabel(step.name, step.text)} exports ${prompt.name} (promptEnv): the value is set for this runbook's session. Enter an empty value to leave it unset; Escape cancels the step.`,
      placeHolder: prompt.hint,
      ...(prompt.value !== undefined ? { value: prompt.value } : {}),
      password: prompt.secret,
      ignoreFocusOut: true,
    }),
  );
}
