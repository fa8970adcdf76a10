// The rollout plans a person can pick: the shipped ones (guides 001, 002, 000) and the workspace's
// own in the plan folder (YAML or JSON). A plan that does not parse is listed with its first error,
// so a typo shows up in the picker instead of vanishing.
import * as vscode from 'vscode';
import type { CanaryPlan } from '../../domain/rollouts/canaryPlan';
import { parsePlan, planErrorText } from '../../domain/rollouts/planParser';
import { SHIPPED_PLANS } from '../../domain/rollouts/shippedPlans';

export interface PlanEntry {
  /** "guide-001 canary". */
  label: string;
  /** "shipped · guide 001" or the workspace-relative path. */
  where: string;
  uri?: vscode.Uri;
  plan?: CanaryPlan;
  /** Why it cannot be used. */
  error?: string;
}

export const PLAN_GLOB = (folder: string): string => `${folder.replace(/\/+$/, '')}/*.{yaml,yml,json}`;

export async function loadPlans(folder: string): Promise<PlanEntry[]> {
  const shipped = SHIPPED_PLANS.map((p): PlanEntry => {
    const r = parsePlan(p.yaml);
    return r.ok ? { label: r.plan.name, where: `shipped${r.plan.source ? ` · ${r.plan.source}` : ''}`, plan: r.plan } : { label: p.file, where: 'shipped', error: r.errors.map(planErrorText).join('; ') };
  });
  const files = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(PLAN_GLOB(folder), undefined, 200) : [];
  const own = await Promise.all(
    files
      .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
      .map(async (uri): Promise<PlanEntry> => {
        const where = vscode.workspace.asRelativePath(uri);
        try {
          const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          const r = parsePlan(text);
          return r.ok ? { label: r.plan.name, where, uri, plan: r.plan } : { label: where, where, uri, error: r.errors.map(planErrorText).join('; ') };
        } catch (e) {
          return { label: where, where, uri, error: e instanceof Error ? e.message : String(e) };
        }
      }),
  );
  // A folder not trusted yet is somebody else's repository: its plans (which could shadow a shipped plan's name
  // with gates that always pass) are listed but cannot be picked until the folder is trusted.
  const usable = vscode.workspace.isTrusted ? own : own.map((e): PlanEntry => ({ label: e.where, where: e.where, ...(e.uri ? { uri: e.uri } : {}), error: 'this folder is not trusted: its plans are not used until you trust it' }));
  // The workspace's plans first: a team's own plan is the one they mean.
  return [...usable, ...shipped];
}
