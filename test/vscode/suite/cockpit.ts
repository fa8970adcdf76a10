// The extension-host suites' way in: activate the extension as VS Code does and wait until the cockpit has loaded
// (activate() returns at once; the cockpit loads right after, see src/extension.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CockpitApi, StartupApi } from '../../../src/vscode/cockpitApi';

export const EXTENSION_ID = 'phoenix-ops.phoenix-ops-cockpit';

export async function loadedCockpit(): Promise<CockpitApi> {
  const ext = vscode.extensions.getExtension<StartupApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.ready();
  return api;
}
