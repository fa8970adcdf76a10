// "Set API Token": a bearer token for Prometheus, Alertmanager or the platform API, kept in SecretStorage.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { API_LABELS, type ApiName } from '../secrets';
import type { CommandFactory } from './command';

export const setApiTokenCommand: CommandFactory = ({ secrets }) => ({
  id: CommandIds.setApiToken,
  async run(apiArg?: unknown, tokenArg?: unknown) {
    const api =
      typeof apiArg === 'string' && apiArg in API_LABELS
        ? (apiArg as ApiName)
        : (await vscode.window.showQuickPick((Object.keys(API_LABELS) as ApiName[]).map((a) => ({ label: API_LABELS[a], api: a })), { title: 'Phoenix Ops: Set API Token for…' }))?.api;
    if (!api) return;
    const token =
      typeof tokenArg === 'string'
        ? tokenArg
        : await vscode.window.showInputBox({ title: `Bearer token for ${API_LABELS[api]}`, prompt: 'Kept in SecretStorage; empty to forget it.', password: true, ignoreFocusOut: true });
    if (token === undefined) return;
    await secrets.setApiToken(api, token);
  },
});
