// Gives a TreeItem the accessible label of core/accessibleLabel, built from what the row shows. Every tree's item
// factories end with it, so no row is read by its tooltip alone (VS Code's default for a text tooltip).
import type * as vscode from 'vscode';
import { accessibleLabel, type RowText } from '../../core/accessibleLabel';

/** Sets `item.accessibilityInformation` from its label, description and text tooltip, unless a factory set a fuller one. */
export function accessibleRow(item: vscode.TreeItem, extra: Pick<RowText, 'kind' | 'state' | 'summary'> = {}): vscode.TreeItem {
  if (item.accessibilityInformation) return item;
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const description = typeof item.description === 'string' ? item.description : '';
  const summary = extra.summary ?? (typeof item.tooltip === 'string' ? item.tooltip : undefined);
  item.accessibilityInformation = { label: accessibleLabel({ label, description, kind: extra.kind, state: extra.state, summary }) };
  return item;
}
