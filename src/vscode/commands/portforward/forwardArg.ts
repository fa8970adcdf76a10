// Which forward a Port Forwards command acts on: its row, { id } or { localPort } from automation, or — from the
// palette — one picked from the list (the only one without asking).
import * as vscode from 'vscode';
import { describeState } from '../../../domain/portforward/forwardState';
import type { PortForwarder } from '../../../domain/portforward/portForwarder';
import type { PortForwards } from '../../../domain/portforward/portForwards';

export async function forwardFromArg(arg: unknown, forwards: PortForwards, action: string): Promise<PortForwarder | undefined> {
  const a = (arg ?? {}) as { id?: unknown; localPort?: unknown };
  if (typeof a.id === 'string') return forwards.get(a.id);
  if (typeof a.localPort === 'number') return forwards.list().find((f) => f.spec.localPort === a.localPort);
  const all = forwards.list();
  if (all.length <= 1) {
    if (!all.length) void vscode.window.showInformationMessage('Phoenix Ops: there are no port forwards. Start one with Port Forward… on a pod or deployment.');
    return all[0];
  }
  const picked = await vscode.window.showQuickPick(
    all.map((f) => ({ label: `localhost:${f.spec.localPort} → ${f.pod}:${f.spec.remotePort}`, description: describeState(f.state), f })),
    { title: `Phoenix Ops: ${action} — which port forward?`, ignoreFocusOut: true },
  );
  return picked?.f;
}
