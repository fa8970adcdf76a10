// Which blue-green pair a command acts on: a Rollouts view row (pair or colour), or one picked among
// the pairs of the selected namespace. The pair is always read fresh (readiness now, not when listed).
import * as vscode from 'vscode';
import type { BlueGreenPair } from '../../../domain/rollouts/blueGreen';
import { listPairs, readPair } from '../../../domain/rollouts/blueGreenActions';
import type { DriverClient } from '../../../domain/rollouts/driver/rolloutDriver';
import type { CockpitServices } from '../command';

export interface PairTarget {
  context: string;
  client: DriverClient;
  pair: BlueGreenPair;
  resourceVersion: string;
  /** The colour row the command was run on, if any. */
  colour?: string;
}

export async function resolvePair(arg: unknown, services: CockpitServices, action: string): Promise<PairTarget | undefined> {
  const a = (arg ?? {}) as { kind?: string; context?: string; pair?: BlueGreenPair; colour?: { value: string } };
  const context = a.context ?? services.selection.current.context;
  const namespace = a.pair?.namespace ?? services.selection.current.namespace;
  if (!context || !namespace) {
    void vscode.window.showWarningMessage('Phoenix Ops: pick a context and namespace first (Switch Context).');
    return undefined;
  }
  const client = services.rollouts.driver.client(context);
  if ('message' in client) {
    void vscode.window.showErrorMessage(`Phoenix Ops: ${client.message}`);
    return undefined;
  }
  let service = a.pair?.service;
  if (!service) {
    const pairs = await listPairs(client, namespace);
    if ('error' in pairs) {
      void vscode.window.showErrorMessage(`Phoenix Ops: ${pairs.error}`);
      return undefined;
    }
    if (!pairs.length) {
      void vscode.window.showInformationMessage(`Phoenix Ops: no Service in ${namespace} fronts a blue-green pair.`);
      return undefined;
    }
    service = (await vscode.window.showQuickPick(pairs.map((p) => ({ label: p.service, description: `${p.key}=${p.active} serves`, detail: p.colours.map((c) => `${c.value}: ${c.deployment} ${c.ready}/${c.desired} ready`).join(' · '), p })), { title: `Phoenix Ops: ${action} — Service in ${context} / ${namespace}` }))?.p.service;
    if (!service) return undefined;
  }
  const read = await readPair(client, namespace, service);
  if ('error' in read) {
    void vscode.window.showErrorMessage(`Phoenix Ops: ${read.error}`);
    return undefined;
  }
  return { context, client, pair: read.pair, resourceVersion: read.resourceVersion, ...(a.kind === 'colour' && a.colour ? { colour: a.colour.value } : {}) };
}
