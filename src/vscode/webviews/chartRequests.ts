// What a chart asks of the extension, the same from every panel and the notebook renderer: clipboard, saving an
// export where the person picks, opening queries as a runbook, opening a runbook link.
import * as vscode from 'vscode';
import { queryRunbookCells } from '../../domain/runbook/queryRunbook';
import type { Handlers } from '../../shared/webviewProtocol';
import type { FromChartView } from '../../shared/chartPanelProtocol';
import { openQueryNotebook, openRunbookLink } from '../runbooks/openRunbookLink';

/** Exports bigger than this are refused (a page cannot send an arbitrary amount through us to disk). */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

export async function saveChartExport(file: FromChartView['export']): Promise<vscode.Uri | undefined> {
  if (file.kind !== 'csv' && file.kind !== 'png') return undefined;
  const bytes = file.kind === 'png' ? Buffer.from(file.data, 'base64') : Buffer.from(file.data, 'utf8');
  if (bytes.length > MAX_EXPORT_BYTES) {
    void vscode.window.showErrorMessage(`The export is ${(bytes.length / 1024 ** 2).toFixed(0)} MB, more than the ${MAX_EXPORT_BYTES / 1024 ** 2} MB allowed; narrow the time range.`);
    return undefined;
  }
  const name = file.fileName.replace(/[^\w.-]+/g, '-') || `chart.${file.kind}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const dest = await vscode.window.showSaveDialog({
    title: file.kind === 'csv' ? 'Export the chart as CSV' : 'Export the chart as a PNG image',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: file.kind === 'csv' ? { CSV: ['csv'] } : { 'PNG image': ['png'] },
  });
  if (!dest) return undefined;
  try {
    await vscode.workspace.fs.writeFile(dest, bytes);
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not write ${dest.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Saved ${dest.fsPath}.`, 'Open').then((pick) => (pick ? vscode.commands.executeCommand('vscode.open', dest) : undefined));
  return dest;
}

/** The handlers of the shared chart messages; `ready` is the panel's own. */
export function chartRequestHandlers(log: vscode.LogOutputChannel, events?: { exported?(uri: vscode.Uri): void }): Omit<Handlers<FromChartView>, 'ready'> {
  return {
    copy: ({ text, description }) => {
      if (typeof text !== 'string') return;
      void vscode.env.clipboard.writeText(text).then(() => vscode.window.setStatusBarMessage(`Copied ${description}`, 3000));
    },
    export: (file) => {
      void saveChartExport(file).then((uri) => uri && events?.exported?.(uri));
    },
    openQueries: ({ title, queries }) => {
      const valid = (Array.isArray(queries) ? queries : []).filter((q) => typeof q?.expr === 'string' && q.expr.trim());
      if (!valid.length) return;
      void openQueryNotebook(queryRunbookCells(String(title), valid, 'Opened from a chart: edit the query and run the cell again to explore.')).catch((e: unknown) => log.error('open queries as a runbook failed', e));
    },
    openLink: ({ target }) => {
      if (typeof target !== 'string' || !target) return;
      void openRunbookLink(target, log).catch((e: unknown) => log.error(`open ${target} failed`, e));
    },
  };
}
