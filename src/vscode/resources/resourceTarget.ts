// The Resources view's rows as command arguments: an object row (Show YAML, Show Events, Delete, Run Now) or a
// Secret key row (Reveal). These commands act on a row the user picked; from the palette they say where to find one.
import * as vscode from 'vscode';
import { ResourcesClient } from '../../clients/kubernetes/resourcesClient';
import type { ObjectRow, SecretKeyRow } from '../../domain/resources/resourceNodes';
import type { CockpitServices } from '../commands/command';
import type { ResourceDocumentRef } from '../workloads/kubeDocuments';

export function objectRowOf(arg: unknown): ObjectRow | undefined {
  const n = arg as Partial<ObjectRow> | undefined;
  return n?.kind === 'object' && n.spec && typeof n.name === 'string' ? (n as ObjectRow) : undefined;
}

export function secretKeyRowOf(arg: unknown): SecretKeyRow | undefined {
  const n = arg as Partial<SecretKeyRow> | undefined;
  return n?.kind === 'secretKey' && typeof n.secret === 'string' && typeof n.key === 'string' ? (n as SecretKeyRow) : undefined;
}

export function resourceDocument(row: ObjectRow, view: 'yaml' | 'events'): ResourceDocumentRef {
  return { view, context: row.context, namespace: row.namespace, type: row.spec, name: row.name };
}

/** The client of the row's context, or undefined after saying why there is none. */
export function resourcesClientFor(services: CockpitServices, context: string, action: string): ResourcesClient | undefined {
  const c = services.workloads.resources.clientFor(context);
  if (c instanceof ResourcesClient) return c;
  void vscode.window.showErrorMessage(`Phoenix Ops: cannot ${action} on context ${context}: ${c.message}`);
  return undefined;
}

/** Run from the palette with no row: where to find one (these commands act on the row the user picked). */
export function pickRowFirst(action: string, what: string): undefined {
  void vscode.window.showInformationMessage(`Phoenix Ops: ${action} acts on ${what} in the Resources view: right-click it there.`);
  return undefined;
}
