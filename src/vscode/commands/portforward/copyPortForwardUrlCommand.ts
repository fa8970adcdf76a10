// "Copy URL" on a Port Forwards row: http://localhost:<local port> to the clipboard (for curl, a browser elsewhere).
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { forwardFromArg } from './forwardArg';

export const copyPortForwardUrlCommand: CommandFactory = (services) => ({
  id: CommandIds.copyPortForwardUrl,
  async run(arg?: unknown): Promise<string | undefined> {
    const f = await forwardFromArg(arg, services.portForwards, 'Copy URL');
    if (!f) return undefined;
    await vscode.env.clipboard.writeText(f.url);
    void vscode.window.setStatusBarMessage(`Phoenix Ops: copied ${f.url}`, 3000);
    return f.url;
  },
});
