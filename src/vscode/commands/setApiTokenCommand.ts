// "Set API Token": a bearer token for Prometheus, Alertmanager or the platform API, kept in SecretStorage and
// bound to the address(es) configured for that API right now: it is never sent anywhere else.
import * as vscode from 'vscode';
import { originOf } from '../../clients/http/origin';
import { CommandIds } from '../commandIds';
import { API_LABELS, type ApiName } from '../secrets';
import type { Settings } from '../settings';
import type { CommandFactory } from './command';

const SETTING: Record<ApiName, string> = { prometheus: 'phoenixOps.prometheus.url', alertmanager: 'phoenixOps.alertmanager.urls', platformApi: 'phoenixOps.platformApi.url' };

function urlsOf(api: ApiName, s: Settings): string[] {
  return api === 'prometheus' ? [s.prometheusUrl].filter(Boolean) : api === 'platformApi' ? [s.platformApiUrl].filter(Boolean) : s.alertmanagerUrls;
}

export const setApiTokenCommand: CommandFactory = ({ secrets, settings }) => ({
  id: CommandIds.setApiToken,
  async run(apiArg?: unknown, tokenArg?: unknown) {
    const api =
      typeof apiArg === 'string' && apiArg in API_LABELS
        ? (apiArg as ApiName)
        : (await vscode.window.showQuickPick((Object.keys(API_LABELS) as ApiName[]).map((a) => ({ label: API_LABELS[a], api: a })), { title: 'Phoenix Ops: Set API Token for…' }))?.api;
    if (!api) return;
    const urls = urlsOf(api, settings());
    const origins = [...new Set(urls.map(originOf).filter((o): o is string => o !== undefined))];
    if (typeof tokenArg === 'string' && tokenArg === '') return secrets.setApiToken(api, '', []);
    if (!origins.length) {
      const pick = await vscode.window.showWarningMessage(`Set ${SETTING[api]} first: a token is bound to the address it is for and never sent elsewhere.`, 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', SETTING[api]);
      return;
    }
    const where = vscode.workspace.getConfiguration().inspect(SETTING[api]);
    const fromWorkspace = where?.workspaceValue !== undefined || where?.workspaceFolderValue !== undefined;
    const token =
      typeof tokenArg === 'string'
        ? tokenArg
        : await vscode.window.showInputBox({
            title: `Bearer token for ${API_LABELS[api]}`,
            prompt: `Sent only to ${origins.join(', ')}${fromWorkspace ? ' (an address from this workspace’s settings: make sure it is yours)' : ''}. Kept in SecretStorage; empty to forget it.`,
            password: true,
            ignoreFocusOut: true,
          });
    if (token === undefined) return;
    await secrets.setApiToken(api, token, urls);
  },
});
