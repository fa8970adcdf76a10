// The workspace's SLO file (.phoenix/slos.json): read on every panel refresh (a save shows at the next one), and
// created from the guides' objectives by "Edit SLOs". A file that does not validate leaves the defaults in force.
import * as vscode from 'vscode';
import { DEFAULT_SLOS, parseSloFile, type SloConfig, sloFileTemplate } from '../../domain/health/sloConfig';

export const SLO_FILE = '.phoenix/slos.json';

function fileUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, ...SLO_FILE.split('/'));
}

/** The SLOs in force, and what is wrong with the file if it does not validate. */
export async function readSlos(): Promise<{ config: SloConfig; problems: string[] }> {
  const uri = fileUri();
  if (!uri) return { config: DEFAULT_SLOS, problems: [] };
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return { config: DEFAULT_SLOS, problems: [] };
  }
  const parsed = parseSloFile(text, SLO_FILE);
  if (parsed.ok) return { config: parsed.config, problems: [] };
  return { config: DEFAULT_SLOS, problems: [`${SLO_FILE} is not valid, so the guides' objectives are used: ${parsed.errors.slice(0, 5).join('; ')}${parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : ''}.`] };
}

/** Opens the SLO file, writing the guides' objectives into it first when there is none. */
export async function editSlos(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = fileUri();
  if (!uri) {
    void vscode.window.showWarningMessage(`Open a folder to keep SLOs in ${SLO_FILE}.`);
    return undefined;
  }
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const schema = vscode.Uri.joinPath(extensionUri, 'schemas', 'slos.schema.json').toString();
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(sloFileTemplate(schema)));
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}
