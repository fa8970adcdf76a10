// "Open in Browser" on a Port Forwards row: http://localhost:<local port> in the user's browser.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { forwardFromArg } from './forwardArg';

export const openPortForwardCommand: CommandFactory = (services) => ({
  id: CommandIds.openPortForward,
  async run(arg?: unknown) {
    const f = await forwardFromArg(arg, services.portForwards, 'Open in Browser');
    return f ? vscode.env.openExternal(vscode.Uri.parse(f.url)) : false;
  },
});
