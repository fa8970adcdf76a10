// "Copy Labels": the alert's labels as name="value" lines, e.g. for a ticket or an amtool filter.
import * as vscode from 'vscode';
import { labelsText } from '../../../domain/alerts/alertText';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { alertArg } from './platformArgs';

export const copyAlertLabelsCommand: CommandFactory = () => ({
  id: CommandIds.copyAlertLabels,
  async run(arg?: unknown) {
    const alert = alertArg(arg);
    if (!alert) return;
    await vscode.env.clipboard.writeText(labelsText(alert.labels));
    vscode.window.setStatusBarMessage(`Copied ${Object.keys(alert.labels).length} labels of ${alert.name}`, 3000);
  },
});
