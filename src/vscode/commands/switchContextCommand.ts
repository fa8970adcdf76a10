// "Switch Context": pick the kubeconfig context the cockpit looks at (kubectl's stays as it is).
import * as vscode from 'vscode';
import { matchesAny } from '../../core/glob';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const switchContextCommand: CommandFactory = (services) => ({
  id: CommandIds.switchContext,
  async run() {
    const { clusters, selection } = services;
    const kc = clusters.kubeconfig;
    if (kc.contexts.length === 0) {
      const why = kc.errors.length ? ` (${kc.errors.length} kubeconfig file(s) could not be read: ${kc.errors[0]?.message ?? ''})` : '';
      const pick = await vscode.window.showWarningMessage(`No kubeconfig contexts found${why}.`, 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.kubeconfigFiles');
      return;
    }
    const current = selection.current.context;
    const protectedGlobs = services.settings().protectedContexts;
    const items = kc.contexts.map((c) => {
      const isProtected = matchesAny(c.name, protectedGlobs);
      return {
        label: `${c.name === current ? '$(pass-filled)' : isProtected ? '$(shield)' : '$(cloud)'} ${c.name}`,
        name: c.name,
        description: [c.name === current ? 'selected' : '', c.name === kc.currentContext ? 'kubectl current' : '', isProtected ? 'protected' : ''].filter(Boolean).join(' · '),
        detail: `${c.server ?? 'cluster not defined'} · user ${c.user}${c.namespace ? ` · namespace ${c.namespace}` : ''}`,
      };
    });
    const picked = await vscode.window.showQuickPick(items, { title: 'Phoenix Ops: Switch Context', placeHolder: 'Context the cockpit looks at (your kubeconfig is not changed)', matchOnDetail: true });
    if (picked) await selection.select(picked.name);
  },
});
