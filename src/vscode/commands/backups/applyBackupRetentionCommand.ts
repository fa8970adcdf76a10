// "Apply Retention": the retention policy (guide 002 by default: 30 daily, 12 weekly, 12 monthly, 7 yearly) per series
// of backups. Shows first what is kept and why (which bucket) and what is deleted, then deletes only after the
// confirmation (typed on a protected context), each deletion audited. The newest and newest verified backups stay.
import * as vscode from 'vscode';
import { backupTime } from '../../../domain/backups/backupNodes';
import { deleteBackup, retentionPlans, type RetentionPlan } from '../../../domain/backups/backupStore';
import { humanBytes, totalSize, verifiedState, verifiedText } from '../../../domain/backups/backupText';
import { policyText, type RetentionPolicy } from '../../../domain/backups/retention';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export interface RetentionOutcome {
  kept: string[];
  deleted: string[];
  failed: string[];
}

export function retentionPlanMarkdown(plans: readonly RetentionPlan[], policy: RetentionPolicy, destination: string, now: Date): string {
  const lines = [`# Retention plan`, '', `Policy: ${policyText(policy)} (times in UTC). Destination: \`${destination}\`.`, 'The newest backup and the newest verified one of each series are always kept.', ''];
  for (const plan of plans) {
    const del = plan.decisions.filter((d) => !d.keep);
    lines.push(`## ${plan.series}`, '', `Keeps ${plan.decisions.length - del.length}, deletes ${del.length}.`, '', '| backup | size | verified | decision | why |', '|---|---|---|---|---|');
    for (const d of plan.decisions) {
      const m = d.entry.manifest;
      lines.push(`| ${backupTime(m.createdAt)} | ${humanBytes(totalSize(m))} | ${verifiedText(verifiedState(m), now).replace(/\|/g, '/')} | ${d.keep ? 'keep' : '**delete**'} | ${d.reasons.join('; ')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export const applyBackupRetentionCommand: CommandFactory = ({ backups, guard, audit }) => ({
  id: CommandIds.applyBackupRetention,
  async run(): Promise<RetentionOutcome | undefined> {
    await backups.model.refresh();
    const policy = backups.retention();
    const destination = backups.destination();
    const plans = retentionPlans(backups.model.snapshot.entries, policy);
    const doomed = plans.flatMap((p) => p.decisions.filter((d) => !d.keep));
    const kept = plans.flatMap((p) => p.decisions.filter((d) => d.keep).map((d) => d.id));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: retentionPlanMarkdown(plans, policy, destination, new Date()) });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Active });
    if (!doomed.length) {
      void vscode.window.showInformationMessage(`Phoenix Ops: retention (${policyText(policy)}) keeps all ${kept.length} backups; nothing to delete.`);
      return { kept, deleted: [], failed: [] };
    }
    const bytes = doomed.reduce((n, d) => n + totalSize(d.entry.manifest), 0);
    const contexts = [...new Set(doomed.map((d) => d.entry.manifest.context))];
    const outcome: RetentionOutcome = { kept, deleted: [], failed: [] };
    try {
      const r = await guard.run(
        {
          action: 'apply backup retention',
          context: contexts.length === 1 ? contexts[0] : contexts.join(', '),
          object: `${doomed.length} backups`,
          confirmText: `delete ${doomed.length} backups`,
          destructive: true,
          summary: `delete ${doomed.length} backups (${humanBytes(bytes)}) and keep ${kept.length}, by ${policyText(policy)} — the plan is open in the editor`,
        },
        async () => {
          for (const d of doomed) {
            try {
              await deleteBackup(destination, d.entry.dir);
              outcome.deleted.push(d.id);
              await audit.record({ context: d.entry.manifest.context, namespace: d.entry.manifest.namespace, object: `backup/${d.id}`, action: 'delete backup (retention)', outcome: 'succeeded', detail: d.reasons.join('; ') });
            } catch (e) {
              outcome.failed.push(d.id);
              await audit.record({ context: d.entry.manifest.context, namespace: d.entry.manifest.namespace, object: `backup/${d.id}`, action: 'delete backup (retention)', outcome: 'failed', detail: e instanceof Error ? e.message : String(e) });
            }
          }
          if (outcome.failed.length) throw new Error(`${outcome.failed.length} of ${doomed.length} could not be deleted: ${outcome.failed.join(', ')}`);
        },
        `policy ${policyText(policy)}`,
      );
      if (!r.ran) return undefined;
    } catch (e) {
      void vscode.window.showErrorMessage(`Phoenix Ops: retention deleted ${outcome.deleted.length} backups; ${e instanceof Error ? e.message : String(e)}`);
      return outcome;
    } finally {
      await backups.model.refresh();
    }
    void vscode.window.showInformationMessage(`Phoenix Ops: retention deleted ${outcome.deleted.length} backups (${humanBytes(bytes)}) and kept ${kept.length}.`);
    return outcome;
  },
});
