// One RunbookSession per open runbook notebook, built from the cockpit's services; ended when the notebook closes
// (its shell, scratch files and output overflow files with it).
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { notConfigured } from '../../clients/http/serviceError';
import { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import { cockpitEnvironment, writeKubeOverride } from '../../domain/runbook/cockpitEnvironment';
import { type FrontMatter, notebookCwd, readFrontMatter } from '../../domain/runbook/frontMatter';
import { removeOrphanedSpills } from '../../domain/runbook/outputSpill';
import { RunbookSession } from '../../domain/runbook/runbookSession';
import type { CockpitActionTable } from '../../domain/runbook/executors/cockpitExecutor';
import type { AuditLog } from '../safety/auditLog';
import type { MutationGuard } from '../safety/mutationGuard';
import { type CockpitSecrets, databaseKey } from '../secrets';
import { readSettings } from '../settings';
import type { SelectionState } from '../state/selectionState';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import { ParameterPrompt } from './parameterPrompt';
import { RunbookGate } from './runbookGate';
import { transcriptDirOf } from './runbookServices';
import { TranscriptFile } from './transcriptFile';
import { confirmUnclosed } from './unclosedFence';
import { askEnv } from './envPrompt';

export interface RunbookSessionServices {
  clusters: ClustersModel;
  selection: SelectionState;
  guard: MutationGuard;
  audit: AuditLog;
  secrets: CockpitSecrets;
  log: vscode.LogOutputChannel;
  storageDir: string;
  /** Generated runbooks (a guided restore): the actions of their phoenix steps, and parameters preset per file. */
  extensions?: {
    cockpitActions(): CockpitActionTable;
    parametersFor(uri: vscode.Uri): Record<string, string> | undefined;
  };
}

export class RunbookSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, RunbookSession>();
  readonly transcriptFile: TranscriptFile;
  private readonly prompt: ParameterPrompt;
  private readonly gate: RunbookGate;
  private readonly closeListener: vscode.Disposable;

  private readonly spillRoot: string;

  constructor(private readonly services: RunbookSessionServices) {
    this.transcriptFile = new TranscriptFile(transcriptDirOf(services.storageDir), (m) => services.log.error(m));
    this.spillRoot = join(services.storageDir, 'runbook-output');
    removeOrphanedSpills(this.spillRoot);
    this.prompt = new ParameterPrompt(services.clusters, services.selection, () => readSettings().requestTimeoutMs);
    this.gate = new RunbookGate(services.guard);
    this.closeListener = vscode.workspace.onDidCloseNotebookDocument((nb) => this.end(nb.uri));
  }

  /** The session of a notebook, if one of its steps has run. */
  get(uri: vscode.Uri): RunbookSession | undefined {
    return this.sessions.get(uri.toString());
  }

  for(notebook: vscode.NotebookDocument): RunbookSession {
    const key = notebook.uri.toString();
    let s = this.sessions.get(key);
    if (!s) {
      s = this.create(notebook.uri, readFrontMatter(notebookFrontMatter(notebook)));
      this.sessions.set(key, s);
    }
    // A generated runbook's own values (a guided restore's backup) stay set, even after Reset Runbook Parameters.
    for (const [name, value] of Object.entries(this.services.extensions?.parametersFor(notebook.uri) ?? {})) if (!s.parameters.has(name)) s.setParameter(name, value);
    return s;
  }

  end(uri: vscode.Uri): void {
    const key = uri.toString();
    this.sessions.get(key)?.dispose();
    this.sessions.delete(key);
  }

  private create(uri: vscode.Uri, frontMatter: FrontMatter | undefined): RunbookSession {
    const { clusters, selection, secrets, log } = this.services;
    const file = uri.scheme === 'file' || uri.scheme === 'vscode-remote' ? uri.fsPath : undefined;
    const runbook = basename(uri.path) || 'untitled runbook';
    return new RunbookSession({
      runbook,
      // The runbook's folder, then the front matter's cwd in it (as Runme resolves it).
      cwd: notebookCwd(file ? dirname(file) : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir()), frontMatter),
      ...(frontMatter ? { frontMatter } : {}),
      baseEnv: baseEnvironment(),
      // Named by this process: a later start removes folders whose process is gone (a crashed window's).
      spillDir: join(this.spillRoot, `${process.pid}-${randomUUID()}`),
      outputFileLimitBytes: () => readSettings().runbooks.outputFileLimitBytes,
      maxResponseBytes: () => readSettings().maxResponseBytes,
      cockpitEnv: async (scratchDir) => {
        const settings = readSettings();
        const sel = selection.current;
        const entry = clusters.kubeconfig.contexts.find((c) => c.name === sel.context);
        const kubeconfig = writeKubeOverride(scratchDir, {
          // A workspace-supplied file whose credential plugin the user has not allowed stays out of kubectl's reach too.
          kubeconfigFiles: clusters.kubeconfig.files.filter((f) => !f.blockedPlugins).map((f) => f.path),
          ...(entry ? { context: { name: entry.name, cluster: entry.cluster, user: entry.user } } : {}),
          namespace: sel.namespace,
        });
        const password = settings.database.host ? await secrets.databasePassword(databaseKey(settings.database)) : undefined;
        return cockpitEnvironment(
          {
            kubeconfigFiles: [],
            namespace: sel.namespace,
            ...(entry ? { context: { name: entry.name, cluster: entry.cluster, user: entry.user } } : {}),
            prometheusUrl: settings.prometheusUrl,
            alertmanagerUrls: settings.alertmanagerUrls,
            platformApiUrl: settings.platformApiUrl,
            database: settings.database,
            ...(password ? { databasePassword: password } : {}),
          },
          kubeconfig,
        );
      },
      pgSettings: async (database, statementTimeoutMs) => {
        const settings = readSettings();
        const db = { ...settings.database, database: database ?? settings.database.database };
        const password = (await secrets.databasePassword(databaseKey(db))) ?? (await secrets.databasePassword(databaseKey(settings.database)));
        return { ...db, ...(password ? { password } : {}), connectTimeoutMs: settings.requestTimeoutMs, statementTimeoutMs };
      },
      prometheus: (urlOverride, timeoutMs) => {
        const baseUrl = (urlOverride ?? readSettings().prometheusUrl).replace(/\/+$/, '');
        if (!baseUrl) return notConfigured('Prometheus', 'phoenixOps.prometheus.url');
        // The token goes only to the origin it was set for: a step's own prometheus= URL elsewhere gets none.
        return new PrometheusClient({ baseUrl, timeoutMs, maxResponseBytes: readSettings().maxResponseBytes, token: (url) => secrets.apiToken('prometheus', url) });
      },
      tokenFor: (url) => secrets.tokenForUrl(url),
      gate: this.gate,
      ask: (placeholders, step) => this.prompt.ask(placeholders, step),
      askEnv,
      confirmUnclosed: (step) => confirmUnclosed(step),
      selection: () => selection.current,
      defaultTimeoutMs: () => readSettings().runbooks.cellTimeoutMs,
      readOnly: () => readSettings().readOnly,
      knownReadOnly: () => readSettings().runbooks.readOnlyCommands,
      user: this.services.audit.user,
      ...(this.services.extensions ? { cockpitActions: () => this.services.extensions!.cockpitActions() } : {}),
      onRecord: (entry) => {
        log.info(`runbook ${entry.runbook} › ${entry.step}: ${entry.outcome}${entry.exitCode !== undefined ? ` (exit ${entry.exitCode})` : ''} in ${entry.durationMs} ms on ${entry.context ?? '(no context)'}`);
        void this.transcriptFile.append(entry);
      },
    });
  }

  dispose(): void {
    this.closeListener.dispose();
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
  }
}

/** The front matter text the serializer kept in the notebook's metadata. */
function notebookFrontMatter(notebook: vscode.NotebookDocument): string {
  const fm = (notebook.metadata?.runbook as { frontMatter?: unknown } | undefined)?.frontMatter;
  return typeof fm === 'string' ? fm : '';
}

/** The extension host's environment without VS Code's own variables (they would confuse tools the steps run). */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('VSCODE_') || k.startsWith('ELECTRON_')) continue;
    env[k] = v;
  }
  return env;
}
