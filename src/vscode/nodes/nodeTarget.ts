// Which node a Nodes command acts on: the row it was invoked on, or one picked from the selected context's nodes.
import * as vscode from 'vscode';
import type { NodeRow } from '../../domain/nodes/nodesModel';
import type { CockpitServices } from '../commands/command';

function isNodeRow(a: unknown): a is NodeRow {
  return typeof a === 'object' && a !== null && (a as { kind?: unknown }).kind === 'node' && typeof (a as { name?: unknown }).name === 'string';
}

/** `{ context, name }` from a row, an object of that shape (tests, other commands), or a quick pick; undefined if none. */
export async function resolveNodeTarget(arg: unknown, services: CockpitServices, title: string, which: (r: NodeRow) => boolean): Promise<{ context: string; name: string; row?: NodeRow } | undefined> {
  if (isNodeRow(arg)) return { context: arg.context, name: arg.name, row: arg };
  const given = arg as { context?: unknown; name?: unknown } | undefined;
  if (typeof given?.context === 'string' && typeof given.name === 'string') {
    const model = services.workloads.nodes.model;
    return { context: given.context, name: given.name, row: model.currentContext === given.context ? model.row(given.name) : undefined };
  }
  const model = services.workloads.nodes.model;
  const context = model.currentContext;
  if (!context) {
    void vscode.window.showWarningMessage(`Phoenix Ops: ${title} needs a Kubernetes context; select one in the Clusters view.`);
    return undefined;
  }
  await model.whenListed();
  const rows = model.roots().filter((r): r is NodeRow => r.kind === 'node' && which(r));
  if (!rows.length) {
    void vscode.window.showInformationMessage(`Phoenix Ops: no node of ${context} to ${title.replace(/…$/, '').toLowerCase()}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    rows.map((r) => ({ label: r.name, description: `${r.summary.status} · ${r.pods.length} pods`, row: r })),
    { title: `${title} (${context})`, placeHolder: 'Node' },
  );
  return picked ? { context, name: picked.row.name, row: picked.row } : undefined;
}
