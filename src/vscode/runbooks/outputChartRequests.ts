// The PromQL charts in runbook outputs ask for the clipboard and exports like the panels' charts do; the renderer
// posts the same messages through VS Code's renderer messaging.
import * as vscode from 'vscode';
import { RUNBOOK_RENDERER_ID } from '../../shared/runbookOutput';
import { dispatch, type Handlers } from '../../shared/webviewProtocol';
import type { FromChartView } from '../../shared/chartPanelProtocol';
import { chartRequestHandlers } from '../webviews/chartRequests';

export function registerOutputChartRequests(log: vscode.LogOutputChannel): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RUNBOOK_RENDERER_ID);
  const handlers: Handlers<FromChartView> = { ...chartRequestHandlers(log), ready: () => undefined };
  return messaging.onDidReceiveMessage(({ message }) => {
    if (!dispatch(handlers, message)) log.warn(`runbook output renderer sent an unknown message: ${JSON.stringify(message).slice(0, 200)}`);
  });
}
