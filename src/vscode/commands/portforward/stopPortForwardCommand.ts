// "Stop" on a Port Forwards row: the local port closes and every forwarded connection is cut. Stopping is never
// blocked (read-only mode included: it only takes access away) and is audited like the start.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { forwardFromArg } from './forwardArg';

export const stopPortForwardCommand: CommandFactory = (services) => ({
  id: CommandIds.stopPortForward,
  async run(arg?: unknown): Promise<boolean> {
    const f = await forwardFromArg(arg, services.portForwards, 'Stop Port Forward');
    if (!f) return false;
    const what = `localhost:${f.spec.localPort} → ${f.spec.deployment ? `deployment/${f.spec.deployment} (pod ${f.pod})` : `pod/${f.pod}`} port ${f.spec.remotePort}`;
    services.portForwards.stop(f.id);
    await services.audit.record({ action: 'stop port-forward', context: f.spec.context, namespace: f.spec.namespace, object: f.spec.deployment ? `deployment/${f.spec.deployment}` : `pod/${f.pod}`, outcome: 'succeeded', detail: `${what}; ${f.connections} connection${f.connections === 1 ? '' : 's'} forwarded` });
    services.log.info(`port-forward stopped: ${what}`);
    void vscode.window.setStatusBarMessage(`Phoenix Ops: stopped port-forward ${what}`, 5000);
    return true;
  },
});
