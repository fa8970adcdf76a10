// "Edit YAML": opens the live object as an editable phoenix-edit: document (Save dry-runs, shows the diff, asks, applies;
// see vscode/edit/editDocuments.ts). On a deployment, pod or ReplicaSet row, a node row, or { context?, namespace?,
// apiVersion, kind, name } from automation; from the palette a deployment is picked.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { type EditRef, editUri } from '../../edit/editUri';
import { resolveObjectTarget } from '../../workloads/deploymentTarget';
import type { CockpitServices, CommandFactory } from '../command';

const API_VERSION: Record<string, string> = { deployments: 'apps/v1', replicasets: 'apps/v1', pods: 'v1' };
const KIND: Record<string, string> = { deployments: 'deployment', replicasets: 'replicaset', pods: 'pod' };

export const editYamlCommand: CommandFactory = (services) => ({
  id: CommandIds.editYaml,
  async run(arg?: unknown): Promise<vscode.TextEditor | undefined> {
    const ref = await editRefOf(arg, services);
    if (!ref) return undefined;
    try {
      const doc = await vscode.workspace.openTextDocument(editUri(ref));
      const shown = doc.languageId === 'yaml' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      return await vscode.window.showTextDocument(shown, { preview: false });
    } catch (e) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot edit ${ref.kind}/${ref.name}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  },
});

async function editRefOf(arg: unknown, services: CockpitServices): Promise<EditRef | undefined> {
  const a = arg as { kind?: unknown; context?: unknown; namespace?: unknown; apiVersion?: unknown; name?: unknown } | undefined;
  const fallback = services.workloads.model.scope.context;
  if (a && typeof a.apiVersion === 'string' && typeof a.kind === 'string' && typeof a.name === 'string') {
    const context = typeof a.context === 'string' ? a.context : fallback;
    if (!context) return undefined;
    return { context, ...(typeof a.namespace === 'string' ? { namespace: a.namespace } : {}), apiVersion: a.apiVersion, kind: a.kind.toLowerCase(), name: a.name };
  }
  // A Nodes view row: a cluster-scoped Node.
  if (a?.kind === 'node' && typeof a.context === 'string' && typeof a.name === 'string') return { context: a.context, apiVersion: 'v1', kind: 'node', name: a.name };
  const t = await resolveObjectTarget(arg, services, 'Edit YAML');
  if (!t || !t.context) return undefined;
  return { context: t.context, namespace: t.namespace, apiVersion: API_VERSION[t.resource] ?? 'v1', kind: KIND[t.resource] ?? t.resource, name: t.name };
}
