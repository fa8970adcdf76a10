// TreeItems of the Resources view: a namespace, its kind groups (with a count once loaded), objects with what matters
// per kind in the description and a state icon, a Secret's keys masked, a Service's endpoints, and message rows.
import * as vscode from 'vscode';
import type { EndpointRow, GroupRow, NamespaceRow, ObjectRow, ResourceMessageRow, SecretKeyRow } from '../../domain/resources/resourceNodes';
import type { RowState } from '../../domain/resources/resourceRows';
import { accessibleRow } from '../views/accessibleRow';

const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;

/** A Secret value is never drawn: this many dots whatever its length. */
export const MASK = '••••••••';

export function resourceNamespaceItem(node: NamespaceRow): vscode.TreeItem {
  const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = icon('symbol-namespace');
  item.contextValue = 'resourceNamespace';
  item.description = node.context;
  item.tooltip = `Namespace ${node.namespace} on ${node.context}. A kind is listed and watched only while its row is expanded.`;
  return accessibleRow(item, { kind: 'Namespace' });
}

export function groupItem(node: GroupRow, count: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, Collapsed);
  item.id = node.id;
  item.iconPath = icon(node.spec ? 'symbol-class' : 'extensions');
  item.contextValue = node.spec ? 'resourceKind' : 'resourceKinds';
  item.description = count;
  const api = node.spec ? `${node.spec.group ? `${node.spec.group}/` : ''}${node.spec.version} ${node.spec.kind}` : node.discovered === 'custom' ? 'Kinds of the CRDs the API server serves' : 'Namespaced kinds the API server serves that have no group above';
  item.tooltip = `${api}. ${count === undefined ? 'Not loaded: expand to list and watch.' : 'Watched while expanded; collapse to stop.'}`;
  return accessibleRow(item, { kind: node.spec ? 'Kind' : 'Kinds', state: count === undefined ? 'not loaded' : undefined });
}

function stateIcon(kind: string, state: RowState): vscode.ThemeIcon {
  const shape = KIND_ICONS[kind] ?? 'symbol-object';
  switch (state) {
    case 'ok':
      return icon(shape, 'charts.green');
    case 'progressing':
      return icon(shape, 'charts.blue');
    case 'warning':
      return icon(shape, 'charts.yellow');
    case 'error':
      return icon(shape, 'charts.red');
    case 'idle':
      return icon(shape);
  }
}

const KIND_ICONS: Record<string, string> = {
  StatefulSet: 'database',
  DaemonSet: 'server-process',
  Job: 'run',
  CronJob: 'watch',
  Service: 'plug',
  Ingress: 'globe',
  ConfigMap: 'settings',
  Secret: 'key',
  HorizontalPodAutoscaler: 'arrow-both',
  PersistentVolumeClaim: 'archive',
};

const STATE_WORD: Record<RowState, string | undefined> = { ok: undefined, progressing: 'in progress', warning: 'warning', error: 'failing', idle: undefined };

export function objectItem(node: ObjectRow): vscode.TreeItem {
  const expandable = node.spec.kind === 'Secret' || node.spec.kind === 'Service';
  const item = new vscode.TreeItem(node.name, expandable ? Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.row.description;
  item.iconPath = stateIcon(node.spec.kind, node.row.state);
  // resource.<Kind>: menus pick Run Now (CronJob) by it; every row gets Show YAML, Show Events and Delete.
  item.contextValue = `resource.${node.spec.kind}`;
  item.tooltip = [`${node.spec.kind} ${node.name} in ${node.namespace} (${node.context})`, node.row.description, ...node.row.details].join('\n');
  return accessibleRow(item, { kind: node.spec.kind, state: STATE_WORD[node.row.state] });
}

export function secretKeyItem(node: SecretKeyRow): vscode.TreeItem {
  const item = new vscode.TreeItem(node.key, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${MASK} · ${node.bytes} byte${node.bytes === 1 ? '' : 's'}`;
  item.iconPath = icon('lock');
  item.contextValue = 'secretKey';
  item.tooltip = `Key ${node.key} of Secret ${node.secret}: masked. Reveal shows it once, on request, and is audited.`;
  return accessibleRow(item, { kind: 'Secret key', state: 'masked' });
}

export function endpointItem(node: EndpointRow): vscode.TreeItem {
  const item = new vscode.TreeItem(node.pod || node.ip, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [node.pod ? node.ip : '', node.ports, node.ready ? 'ready' : 'not ready'].filter(Boolean).join(' · ');
  item.iconPath = node.ready ? icon('circle-filled', 'charts.green') : icon('circle-outline', 'charts.yellow');
  item.contextValue = 'endpoint';
  item.tooltip = `Endpoint ${node.ip} (${node.ports})${node.pod ? ` of pod ${node.pod}` : ''}: ${node.ready ? 'ready, receives traffic' : 'not ready, receives no traffic'}`;
  return accessibleRow(item, { kind: 'Endpoint' });
}

export function resourceMessageItem(node: ResourceMessageRow): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = node.severity === 'error' ? icon('error', 'charts.red') : node.severity === 'loading' ? icon('loading~spin') : icon('info');
  item.contextValue = node.severity === 'error' ? 'resourceError' : 'message';
  item.tooltip = [node.text, node.hint].filter(Boolean).join('\n');
  return accessibleRow(item, { kind: node.severity === 'error' ? 'Error' : undefined });
}
