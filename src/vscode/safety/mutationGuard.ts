// The one gate every mutation goes through: read-only blocks it, a protected context asks the user
// to type the name, a destructive step asks yes/no; the outcome is always audit-logged.
import * as vscode from 'vscode';
import { decideMutation, type MutationRequest } from '../../domain/safety/mutationPolicy';
import type { Settings } from '../settings';
import type { AuditLog } from './auditLog';

export type GuardResult<T> = { ran: true; value: T } | { ran: false; why: 'blocked' | 'cancelled' };

export class MutationGuard {
  constructor(
    private readonly settings: () => Pick<Settings, 'readOnly' | 'protectedContexts'>,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Asks what the policy requires, then runs `perform`. A thrown error is audit-logged as failed
   * and rethrown for the caller to show; `detail` describes the change for the log, `refs` names what it made
   * elsewhere (a silence's id) so the incident timeline matches that system's record of it to this line.
   */
  async run<T>(req: MutationRequest, perform: () => Promise<T>, detail?: string, refs?: (value: T) => string[]): Promise<GuardResult<T>> {
    const base = { context: req.context, namespace: req.namespace, object: req.object, action: req.action };
    const decision = decideMutation(req, this.settings());
    if (decision.kind === 'blocked') {
      await this.audit.record({ ...base, outcome: 'blocked', detail: decision.reason });
      void vscode.window.showErrorMessage(decision.reason, 'Open Settings').then((p) => p && vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.readOnly'));
      return { ran: false, why: 'blocked' };
    }
    if (decision.kind === 'typeToConfirm') {
      const typed = await vscode.window.showInputBox({
        title: `Confirm ${req.action} on protected context ${req.context}`,
        prompt: decision.prompt,
        placeHolder: decision.expected,
        ignoreFocusOut: true,
        validateInput: (v) => (v === '' || v === decision.expected ? undefined : `Type "${decision.expected}" exactly to confirm.`),
      });
      if (typed !== decision.expected) {
        await this.audit.record({ ...base, outcome: 'cancelled', detail: 'confirmation not typed' });
        return { ran: false, why: 'cancelled' };
      }
    } else if (decision.kind === 'confirm') {
      const yes = 'Yes, do it';
      const answer = await vscode.window.showWarningMessage(decision.prompt, { modal: true }, yes);
      if (answer !== yes) {
        await this.audit.record({ ...base, outcome: 'cancelled' });
        return { ran: false, why: 'cancelled' };
      }
    }
    const started = Date.now();
    try {
      const value = await perform();
      await this.audit.record({ ...base, outcome: 'succeeded', detail, durationMs: Date.now() - started, ...(refs ? { refs: refs(value) } : {}) });
      return { ran: true, value };
    } catch (e) {
      await this.audit.record({ ...base, outcome: 'failed', detail: `${detail ? `${detail}: ` : ''}${e instanceof Error ? e.message : String(e)}`, durationMs: Date.now() - started });
      throw e;
    }
  }
}
