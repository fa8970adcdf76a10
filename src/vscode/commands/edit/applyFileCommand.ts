// "Apply File…": a manifest of one or more documents (the file clicked in the explorer, the active editor — unsaved
// changes included — or one picked) applied to the cockpit's context as `kubectl apply -f` would: every object
// dry-run on the server first (nothing applied if any is refused), one diff per object that would change (created
// ones against nothing), one confirmation through the MutationGuard, then created / configured / unchanged per object.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { objectToYaml } from '../../../domain/edit/editableObject';
import { formatManifestError, parseManifest } from '../../../domain/edit/manifest';
import { type AppliedObject, type ApplyFailure, applyPlanned, kubectlName, outcomeCounts, planManifest } from '../../../domain/edit/manifestApply';
import { changeSummary, comparableObject } from '../../../domain/edit/objectDiff';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export type ApplyFileOutcome =
  | { applied: AppliedObject[]; failed: ApplyFailure[] }
  | { applied: []; why: 'invalid' | 'refused' | 'blocked' | 'cancelled' | 'unchanged' | 'failed'; messages: string[] };

export const applyFileCommand: CommandFactory = (services) => ({
  id: CommandIds.applyFile,
  async run(arg?: unknown, target?: { context?: string; namespace?: string }): Promise<ApplyFileOutcome | undefined> {
    const uri = await fileOf(arg);
    if (!uri) return undefined;
    // The Deployments view's context and namespace (a document without a namespace goes there, as kubectl's context
    // namespace); automation may name them.
    const scope = services.workloads.model.scope;
    const context = target?.context ?? scope.context;
    if (!context) {
      void vscode.window.showWarningMessage('Phoenix Ops: pick a Kubernetes context first (Apply File… applies to the cockpit’s context).');
      return undefined;
    }
    const namespace = target?.namespace ?? (scope.allNamespaces || !scope.namespace ? 'default' : scope.namespace);
    const file = basename(uri.path);
    const text = await textOf(uri);
    const parsed = parseManifest(text);
    if (!parsed.ok) {
      const messages = parsed.errors.map(formatManifestError);
      void vscode.window.showErrorMessage(`Phoenix Ops: ${file} is not a valid manifest, nothing was sent — ${messages.slice(0, 3).join('; ')}${messages.length > 3 ? ` (and ${messages.length - 3} more)` : ''}`);
      return { applied: [], why: 'invalid', messages };
    }
    const port = services.edit.portFor(context);
    if ('message' in port) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot apply to ${context}: ${port.message}`);
      return { applied: [], why: 'failed', messages: [port.message] };
    }
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Phoenix Ops: dry run of ${file} on ${context}…`, cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return planManifest(parsed.docs, port, namespace, abort.signal);
    });
    if (!plan.ok) {
      const messages = plan.failures.map((f) => `document ${f.doc.index} (line ${f.doc.line}, ${f.doc.id.kind}/${f.doc.id.name}): ${f.message}`);
      void vscode.window.showErrorMessage(`Phoenix Ops: nothing from ${file} was applied — ${messages.join('; ')}`);
      return { applied: [], why: 'refused', messages };
    }
    const changing = plan.objects.filter((o) => o.outcome !== 'unchanged');
    const counts = outcomeCounts(plan.objects.map((o) => o.outcome));
    if (changing.length === 0) {
      void vscode.window.showInformationMessage(`Phoenix Ops: ${file} on ${context}: nothing to apply (${counts}).`);
      return { applied: [], why: 'unchanged', messages: plan.objects.map((o) => `${kubectlName(o.at.type, o.at.name)} unchanged`) };
    }
    for (const o of changing) {
      const left = o.live ? objectToYaml(comparableObject(o.live)) : `# ${kubectlName(o.at.type, o.at.name)} is not in ${o.at.namespace ?? 'the cluster'}: it will be created\n`;
      await services.edit.diffs.show(`${kubectlName(o.at.type, o.at.name).replace('/', ' ')}`, { name: o.live ? 'live' : 'new', text: left }, { name: 'dry run', text: objectToYaml(comparableObject(o.dryRun)) });
    }
    const detail = plan.objects.map((o) => `${kubectlName(o.at.type, o.at.name)} ${o.outcome}${o.outcome === 'configured' ? ` (${changeSummary(o.changes, 2)})` : ''}`).join('; ');
    let result: { applied: AppliedObject[]; failed: ApplyFailure[] };
    try {
      const r = await services.guard.run(
        { action: 'apply file', context, namespace, object: `file ${file}`, confirmText: file, destructive: true, summary: `apply ${file} to ${context} — ${counts}: ${detail}. The diffs are open` },
        async () => {
          const out = await applyPlanned(plan.objects, port);
          if (out.failed.length) throw new Error(`${out.failed.map((f) => `${f.name}: ${f.message}`).join('; ')} (applied: ${out.applied.map((a) => `${a.name} ${a.outcome}`).join(', ') || 'none'})`);
          return out;
        },
        detail,
      );
      if (!r.ran) return { applied: [], why: r.why, messages: [] };
      result = r.value;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: apply of ${file} failed: ${message}`);
      return { applied: [], why: 'failed', messages: [message] };
    }
    const lines = result.applied.map((a) => `${a.name} ${a.outcome}`);
    for (const l of lines) services.log.info(`apply ${file} on ${context}: ${l}`);
    void vscode.window.showInformationMessage(`Phoenix Ops: applied ${file} to ${context} — ${outcomeCounts(result.applied.map((a) => a.outcome))}: ${lines.join(', ')}.`);
    return result;
  },
});

/** The file: the explorer's or editor's (a Uri), the active editor's YAML document, or one picked. */
async function fileOf(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'yaml' || /\.ya?ml$/i.test(active.uri.path)) && active.uri.scheme !== 'phoenix-edit-view') return active.uri;
  const picked = await vscode.window.showOpenDialog({ title: 'Phoenix Ops: Apply File…', canSelectMany: false, filters: { 'Kubernetes manifests': ['yaml', 'yml'] }, openLabel: 'Dry Run and Apply' });
  return picked?.[0];
}

/** The open document's text (what the user sees, saved or not), else the file's. */
async function textOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
