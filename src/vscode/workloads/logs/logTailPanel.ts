// One log tail in a webview panel: runs the LogTail, spools every line to a file (Save to File), keeps
// the last bufferLines lines to replay when the page reloads, and forwards batches to the page.
import * as vscode from 'vscode';
import { join } from 'node:path';
import { LogSpool } from '../../../domain/logs/logSpool';
import { LogTail, type LogTailOptions, type LogTailSource, type TailLine, type TailStatus } from '../../../domain/logs/logTail';
import { TailRecorder } from '../../../domain/logs/tailRecorder';
import type { FromLogTailView, NoticeInfo, TailStatusInfo, ToLogTailView } from '../../../shared/logTailProtocol';
import { WebviewChannel } from '../../webviews/webviewChannel';
import { webviewHtml, webviewOptions } from '../../webviews/webviewHtml';

export interface LogTailPanelDeps {
  extensionUri: vscode.Uri;
  /** Where spool files go (the extension's global storage). */
  spoolDir: string;
  bufferLines: number;
  log: vscode.LogOutputChannel;
}

export interface LogTailDefinition {
  title: string;
  /** "phoenix-dev / phoenix-system · app=platform-api,track=primary · all containers · last 100 lines" */
  subtitle: string;
  source: LogTailSource;
  options: LogTailOptions;
}

/** What the extension-host tests read (CockpitApi.logTails). */
export interface LogTailSnapshot {
  title: string;
  status: TailStatusInfo;
  pods: string[];
  /** The last lines kept for the page, as "[pod/container] text". */
  lastLines: string[];
  notices: string[];
  spoolFile: string;
}

let panelCount = 0;

export class LogTailPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly channel: WebviewChannel<FromLogTailView, ToLogTailView>;
  private readonly tail: LogTail;
  private readonly recorder: TailRecorder;
  private readonly notices: NoticeInfo[] = [];
  private status: TailStatusInfo = { state: 'starting', streaming: 0, followed: 0, received: 0, skipped: 0 };
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private isDisposed = false;

  private constructor(
    private readonly deps: LogTailPanelDeps,
    private readonly def: LogTailDefinition,
    private readonly spool: LogSpool,
  ) {
    this.recorder = new TailRecorder(spool, deps.bufferLines);
    this.panel = vscode.window.createWebviewPanel('phoenixOps.logTail', def.title, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, webviewOptions(deps.extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'phoenix.svg');
    this.channel = new WebviewChannel<FromLogTailView, ToLogTailView>(
      this.panel.webview,
      {
        ready: () => this.sendInit(),
        stop: () => this.tail.stop(),
        save: () => void this.save(),
      },
      (m) => deps.log.warn(`log tail: ${m}`),
    );
    this.panel.webview.html = webviewHtml({ webview: this.panel.webview, extensionUri: deps.extensionUri, script: 'logTail', title: def.title });
    // A hidden panel's page is discarded; when shown again it says ready and gets the state replayed.
    this.panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.visible) this.channel.reset();
    });
    this.panel.onDidDispose(() => this.dispose());
    this.tail = new LogTail(def.source, def.options, {
      onSource: (s) => this.channel.post('source', this.recorder.addSource(s.id, s.pod, s.container)),
      onLines: (lines) => this.onLines(lines),
      onNotice: (n) => this.addNotice(n),
      onStatus: (s) => this.setStatus(s),
    });
    this.tail.start();
  }

  static async open(deps: LogTailPanelDeps, def: LogTailDefinition): Promise<LogTailPanel> {
    const spool = await LogSpool.create(join(deps.spoolDir, `tail-${process.pid}-${Date.now()}-${panelCount++}.log`));
    return new LogTailPanel(deps, def, spool);
  }

  get title(): string {
    return this.def.title;
  }

  snapshot(): LogTailSnapshot {
    const sources = this.recorder.sources;
    return {
      title: this.def.title,
      status: { ...this.status },
      pods: [...new Set(sources.map((s) => s.pod))],
      lastLines: this.recorder.lastLines().slice(-200).map(([id, text]) => `[${sources[id]?.pod ?? '?'}/${sources[id]?.container ?? '?'}] ${text}`),
      notices: this.notices.map((n) => n.text),
      spoolFile: this.spool.file,
    };
  }

  reveal(): void {
    this.panel.reveal();
  }

  stop(): void {
    this.tail.stop();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.tail.stop();
    this.channel.dispose();
    void this.spool.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  private onLines(lines: TailLine[]): void {
    const { show, spoolJustFilled } = this.recorder.record(lines);
    if (spoolJustFilled) this.addNotice({ level: 'warning', text: `The saved log reached its size limit (${(this.spool.size / 1024 ** 3).toFixed(1)} GiB); later lines are shown but not saved.`, time: Date.now() });
    this.channel.post('lines', show);
  }

  private addNotice(n: NoticeInfo): void {
    this.notices.push(n);
    if (this.notices.length > 500) this.notices.splice(0, this.notices.length - 500);
    if (n.level !== 'info') this.deps.log.info(`log tail ${this.def.title}: ${n.text}`);
    this.channel.post('notice', n);
  }

  private setStatus(s: TailStatus): void {
    this.status = this.recorder.status(s);
    this.channel.post('status', this.status);
  }

  private sendInit(): void {
    this.channel.post('init', {
      title: this.def.title,
      subtitle: this.def.subtitle,
      bufferLines: this.deps.bufferLines,
      sources: this.recorder.sources.filter(Boolean),
      lines: this.recorder.lastLines(),
      notices: this.notices.slice(-100),
      status: this.status,
    });
  }

  private async save(): Promise<void> {
    const name = `${this.def.title.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const dest = await vscode.window.showSaveDialog({ title: 'Save everything this tail received', defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { Logs: ['log', 'txt'] } });
    if (!dest) return;
    try {
      await this.spool.saveTo(dest.fsPath);
      const lines = this.status.received;
      const pick = await vscode.window.showInformationMessage(`Saved ${lines.toLocaleString('en')} lines to ${dest.fsPath}.`, 'Open');
      if (pick) await vscode.window.showTextDocument(dest);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not save the log to ${dest.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
