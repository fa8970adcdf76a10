// Wiring of the Backups area: the view (its model, tree and the destination in its title, refreshed when the folder
// changes while it is visible) and what the backup commands and the guided restore's steps need.
import type { LazyViews } from '../startup/lazyViews';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { NamespaceObjectsClient } from '../../clients/kubernetes/namespaceObjectsClient';
import { BackupsModel } from '../../domain/backups/backupsModel';
import type { BackupsNode } from '../../domain/backups/backupNodes';
import { restoreActions } from '../../domain/backups/restoreActions';
import { RESTORE_PARAMETERS_FILE, RESTORE_RUNBOOK_FILE } from '../../domain/backups/restoreRunbook';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import type { CockpitActionTable } from '../../domain/runbook/executors/cockpitExecutor';
import { ViewIds } from '../commandIds';
import { type CockpitSecrets, databaseKey } from '../secrets';
import { onSettingsChanged, readSettings, type Settings } from '../settings';
import type { BackupServices } from './backupServices';
import { BackupsTreeProvider } from './backupsTreeProvider';
import { chooseResources, registerDiffDocuments } from './resourceChooser';
import { unsealerFor } from './secretsPrompt';

export interface BackupsDeps {
  context: vscode.ExtensionContext;
  clusters: ClustersModel;
  secrets: CockpitSecrets;
  /** The tree views made at start-up; the Backups view is bound to its provider here. */
  views: LazyViews;
  /** Read afresh at each use (default: the workspace's phoenixOps.* settings). */
  settings?: () => Settings;
}

export interface BackupsApi {
  backupsTree: BackupsTreeProvider;
  backupsDestination(): string;
}

/** What the runbook notebooks take from the backups area: the restore steps' actions and a restore's parameters. */
export interface RunbookExtensions {
  cockpitActions(): CockpitActionTable;
  parametersFor(uri: vscode.Uri): Record<string, string> | undefined;
}

export interface Backups extends vscode.Disposable {
  services: BackupServices;
  api: BackupsApi;
  runbookExtensions: RunbookExtensions;
}

export function registerBackups(deps: BackupsDeps): Backups {
  const settings = deps.settings ?? readSettings;
  const storage = deps.context.globalStorageUri.fsPath;
  const destination = () => settings().backups.destination || join(storage, 'backups');
  const postgresBinDir = () => settings().backups.postgresBinDir || undefined;
  const restoresDir = join(storage, 'restores');
  const model = new BackupsModel(destination);
  const tree = new BackupsTreeProvider(model);
  const view = deps.views.bind<BackupsNode>(ViewIds.backups, tree);
  const describe = () => {
    const d = destination();
    const home = homedir();
    view.description = d.startsWith(home + sep) ? `~${d.slice(home.length)}` : d;
  };
  describe();

  // Another window's backup, a folder deleted by hand: re-read while someone looks.
  let watcher: vscode.FileSystemWatcher | undefined;
  let pending: NodeJS.Timeout | undefined;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void model.refresh(), 300);
  };
  const watch = (on: boolean) => {
    watcher?.dispose();
    watcher = undefined;
    if (!on) return;
    watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(destination()), '**'));
    watcher.onDidCreate(soon);
    watcher.onDidDelete(soon);
    watcher.onDidChange(soon);
  };
  const onVisible = (visible: boolean) => {
    watch(visible);
    if (visible) void model.refresh();
  };
  onVisible(view.visible);

  const services: BackupServices = {
    model,
    retention: () => settings().backups.retention,
    destination,
    postgresBinDir,
    restoresDir,
    cockpitVersion: String((deps.context.extension.packageJSON as { version?: string }).version ?? 'unknown'),
    database: async () => {
      const s = settings();
      if (!s.database.host) return { message: 'No database is configured: set phoenixOps.database.host (and run "Phoenix Ops: Set Database Password").' };
      const password = await deps.secrets.databasePassword(databaseKey(s.database));
      return { ...s.database, ...(password ? { password } : {}), connectTimeoutMs: s.requestTimeoutMs, statementTimeoutMs: 0 };
    },
    objectsClient: (context) => {
      const cfg = deps.clusters.kubeconfig.configFor(context);
      return cfg.ok ? new NamespaceObjectsClient(context, cfg.config, settings().requestTimeoutMs) : { message: cfg.message };
    },
  };

  const runbookExtensions: RunbookExtensions = {
    cockpitActions: () => restoreActions({ choose: chooseResources, unsealer: (envelope, manifest) => unsealerFor(envelope, manifest, deps.secrets), postgresBinDir }),
    parametersFor: (uri) => {
      // Only the restores this cockpit prepared, in its own storage: a workspace file cannot claim parameters.
      if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return undefined;
      const rel = relative(restoresDir, uri.fsPath);
      if (rel.startsWith('..') || !uri.fsPath.endsWith(`${sep}${RESTORE_RUNBOOK_FILE}`)) return undefined;
      try {
        const parsed = JSON.parse(readFileSync(join(dirname(uri.fsPath), RESTORE_PARAMETERS_FILE), 'utf8')) as { parameters?: Record<string, unknown> };
        return Object.fromEntries(Object.entries(parsed.parameters ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
      } catch {
        return undefined;
      }
    },
  };

  const subscriptions: vscode.Disposable[] = [
    registerDiffDocuments(),
    view.onDidChangeVisibility((e) => onVisible(e.visible)),
    onSettingsChanged(['backups.destination'], () => {
      describe();
      watch(view.visible);
      void model.refresh();
    }),
  ];
  return {
    services,
    api: { backupsTree: tree, backupsDestination: destination },
    runbookExtensions,
    dispose: () => {
      clearTimeout(pending);
      watcher?.dispose();
      for (const s of subscriptions) s.dispose();
      tree.dispose();
      model.dispose();
    },
  };
}
