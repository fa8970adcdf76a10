// Asks for a step's placeholder values, one quick pick each: suggestions from the live cluster where the
// name says what it is (pods, deployments, namespaces), or any typed value.
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { KubeClient } from '../../clients/kubernetes/kubeClient';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import type { Placeholder } from '../../domain/runbook/placeholders';
import type { Step } from '../../domain/runbook/runbookRunner';
import { stepLabel } from '../../domain/runbook/runTranscript';
import type { SelectionState } from '../state/selectionState';

export class ParameterPrompt {
  constructor(
    private readonly clusters: ClustersModel,
    private readonly selection: SelectionState,
    private readonly timeoutMs: () => number,
  ) {}

  async ask(placeholders: Placeholder[], step: Step): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const [i, p] of placeholders.entries()) {
      const v = await this.askOne(p, step, i, placeholders.length);
      if (v === undefined) return undefined;
      values[p.name] = v;
    }
    return values;
  }

  private askOne(p: Placeholder, step: Step, i: number, n: number): Promise<string | undefined> {
    const qp = vscode.window.createQuickPick();
    qp.title = `Runbook parameter ${p.token}${n > 1 ? ` (${i + 1}/${n})` : ''} — ${stepLabel(undefined, step.text)}`;
    qp.placeholder = `A value for ${p.token}: the step gets it as $${p.name}, kept for this runbook until you reset parameters`;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    let suggestions: string[] = [];
    const refresh = () => {
      const typed = qp.value.trim();
      const items: vscode.QuickPickItem[] = suggestions.map((s) => ({ label: s, description: 'from the cluster' }));
      if (typed && !suggestions.includes(typed)) items.unshift({ label: typed, description: 'use the typed value', alwaysShow: true });
      qp.items = items;
    };
    qp.busy = true;
    void this.suggest(p.name)
      .then((s) => (suggestions = s))
      .finally(() => {
        qp.busy = false;
        refresh();
      });
    return new Promise((resolve) => {
      let done = false;
      qp.onDidChangeValue(refresh);
      qp.onDidAccept(() => {
        const value = (qp.selectedItems[0]?.label ?? qp.value).trim();
        if (!value) return;
        done = true;
        resolve(value);
        qp.hide();
      });
      qp.onDidHide(() => {
        if (!done) resolve(undefined);
        qp.dispose();
      });
      qp.show();
    });
  }

  /** Names from the selected context that fit the placeholder, or none when it says nothing we can look up. */
  private async suggest(name: string): Promise<string[]> {
    const sel = this.selection.current;
    if (!sel.context) return [];
    const cfg = this.clusters.kubeconfig.configFor(sel.context);
    if (!cfg.ok) return [];
    const client = new KubeClient(sel.context, cfg.config, Math.min(this.timeoutMs(), 5000));
    const ns = sel.namespace;
    if (/POD/.test(name)) {
      // <backend-pod> → pods labelled app=backend first.
      const app = /^(.+?)_POD$/.exec(name)?.[1]?.toLowerCase().replace(/_/g, '-');
      const pods = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`;
      const r = await client.list<V1Pod>(pods, { labelSelector: app ? `app=${app}` : undefined });
      const names = r.ok ? r.value.items.map((p) => p.metadata?.name ?? '').filter(Boolean) : [];
      if (names.length || !app) return names;
      const all = await client.list<V1Pod>(pods, {});
      return all.ok ? all.value.items.map((p) => p.metadata?.name ?? '').filter(Boolean) : [];
    }
    if (/NAMESPACE|^NS$/.test(name)) {
      const r = await client.listNamespaces();
      return r.ok ? r.value.items.map((n) => n.metadata?.name ?? '').filter(Boolean) : [];
    }
    if (/DEPLOY|^NAME$|SERVICE|^APP$/.test(name)) {
      const r = await client.list<V1Deployment>(`/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments`, {});
      return r.ok ? r.value.items.map((d) => d.metadata?.name ?? '').filter(Boolean) : [];
    }
    return [];
  }
}
