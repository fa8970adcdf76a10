// Helpers of the extension-host suites: read a view's tree as a person sees its rows.
import * as vscode from 'vscode';

export interface Row {
  node: unknown;
  label: string;
  description: string;
  contextValue?: string;
  /** The ThemeIcon id, when the row has one. */
  icon?: string;
}

/** The rows under `parent` (the roots without one), as the tree provider renders them. */
export async function rows(tree: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<Row[]> {
  const children = (await tree.getChildren(parent)) ?? [];
  return Promise.all(
    children.map(async (node) => {
      const item = await tree.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { node, label, description: String(item.description ?? ''), contextValue: item.contextValue, icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined };
    }),
  );
}

/** Depth-first rows down to `depth` levels. */
export async function allRows(tree: vscode.TreeDataProvider<unknown>, depth = 3, parent?: unknown): Promise<Row[]> {
  const level = await rows(tree, parent);
  if (depth <= 1) return level;
  const nested = await Promise.all(level.map((r) => allRows(tree, depth - 1, r.node)));
  return level.flatMap((r, i) => [r, ...(nested[i] ?? [])]);
}
