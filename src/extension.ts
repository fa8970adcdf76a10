// Start-up (dist/extension.js, activated on onStartupFinished): registers what VS Code must know at once — every
// command, every tree view, the runbook notebook type, the phoenix-ops: documents — as thin stand-ins, returns, and
// then loads the cockpit (src/vscode/cockpit.ts, dist/cockpit.js): status bars and the background alert check start
// there. A stand-in used before that loads it at once. Nothing here may import a heavy module: a unit test reads the
// build's metafile and fails if the start-up bundle grows or imports one. See README › Architecture.
import * as vscode from 'vscode';
import { Lazy } from './core/lazy';
import type { Cockpit } from './vscode/cockpit';
import type { StartupApi } from './vscode/cockpitApi';
import { CommandIds } from './vscode/commandIds';
import { RUNBOOK_NOTEBOOK_TYPE } from './vscode/runbooks/runbookNotebookType';
import { LazyDocuments } from './vscode/startup/lazyDocuments';
import { LazyViews } from './vscode/startup/lazyViews';
import { startupApi } from './vscode/startup/startupApi';
import { KUBE_SCHEME, POD_SCHEME } from './vscode/workloads/kubeScheme';

export function activate(context: vscode.ExtensionContext): StartupApi {
  const activateStart = performance.now();
  const sub = context.subscriptions;
  const log = vscode.window.createOutputChannel('Phoenix Ops', { log: true });
  const activated = performance.now();
  const cockpit: Lazy<Cockpit> = new Lazy(async () => {
    const t0 = performance.now();
    const { startCockpit } = await import('./vscode/cockpit');
    const t1 = performance.now();
    const c = startCockpit({ context, log, views, documents, podDocuments });
    sub.push(c);
    // Read by bench/activationBench.ts (BENCHMARKS.md).
    log.info(`cockpit loaded in ${ms(t1 - t0)} ms and started in ${ms(performance.now() - t1)} ms, ${ms(t0 - activated)} ms after activation`);
    return c;
  });
  let failure: string | undefined;
  const load = (): Promise<Cockpit> =>
    cockpit.get().catch((e: unknown) => {
      const message = `Phoenix Ops could not start: ${e instanceof Error ? e.message : String(e)}`;
      log.error(message, e);
      if (failure !== message) void vscode.window.showErrorMessage(message, 'Show Log').then((p) => p && log.show());
      failure = message;
      views.failed(message);
      throw e;
    });

  const views = new LazyViews(load);
  const documents = new LazyDocuments(load);
  const podDocuments = new LazyDocuments(load);
  sub.push(
    log,
    views,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(KUBE_SCHEME, documents),
    podDocuments,
    vscode.workspace.registerTextDocumentContentProvider(POD_SCHEME, podDocuments),
    // The notebook machinery loads when the first runbook opens.
    vscode.workspace.registerNotebookSerializer(
      RUNBOOK_NOTEBOOK_TYPE,
      {
        deserializeNotebook: async (content, token) => (await (await load()).runbooks.get()).serializer.deserializeNotebook(content, token),
        serializeNotebook: async (data, token) => (await (await load()).runbooks.get()).serializer.serializeNotebook(data, token),
      },
      { transientOutputs: true },
    ),
    ...Object.values(CommandIds).map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        const c = await load().catch(() => undefined);
        return c?.runCommand(id, args);
      }),
    ),
  );
  // Right after activation, not in it: the status bars, the background alert check and the views' models.
  const timer = setTimeout(() => void load().catch(() => undefined), 0);
  sub.push({ dispose: () => clearTimeout(timer) });
  log.info(`started: ${startupCost(context.extension.id, activateStart)}`);
  return startupApi(cockpit, load);
}

export function deactivate(): void {}

function ms(n: number): string {
  return n.toFixed(1);
}

/**
 * What loading this bundle and running activate() cost, from the marks (Date.now(), whole ms) VS Code's extension host
 * sets around the require() of an extension's main module (its performance polyfill; absent elsewhere). Read by
 * bench/activationBench.ts; VS Code's "Activation: N ms" also counts its own waits before the require().
 */
function startupCost(extensionId: string, activateStart: number): string {
  const activateMs = performance.now() - activateStart;
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks?: () => Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks?.getMarks?.() ?? [];
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${extensionId}`)?.startTime;
  const will = at('willLoadExtensionCode');
  const did = at('didLoadExtensionCode');
  const load = will !== undefined && did !== undefined ? `bundle loaded in ${ms(did - will)} ms, ` : '';
  return `${load}activate() ran ${ms(activateMs)} ms`;
}
