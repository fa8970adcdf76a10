// The read-only pod documents of the phoenix-ops-pod: scheme — Describe Pod (…/describe/<context>/<namespace>/<pod>.describe)
// and Previous Logs (…/previous/<context>/<namespace>/<pod>/<container>.log). A describe document re-reads itself when the
// pod or its events change (watches on that one pod and its events while the document is open) and on Refresh.
import * as vscode from 'vscode';
import { PodsClient, PREVIOUS_LOG_LIMIT_BYTES } from '../../clients/kubernetes/podsClient';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import { describePod } from '../../domain/pods/podDescribe';
import { previousLogChoices, previousLogText } from '../../domain/pods/previousLogs';
import { POD_SCHEME } from '../workloads/kubeScheme';
import { LiveDocuments } from '../workloads/liveDocuments';

export type PodDocumentRef = { view: 'describe'; context: string; namespace: string; pod: string } | { view: 'previous'; context: string; namespace: string; pod: string; container: string };

export function podDocumentUri(ref: PodDocumentRef): vscode.Uri {
  const parts = [ref.view, ref.context, ref.namespace].map(encodeURIComponent);
  const tail = ref.view === 'describe' ? `${encodeURIComponent(ref.pod)}.describe` : `${encodeURIComponent(ref.pod)}/${encodeURIComponent(ref.container)}.log`;
  return vscode.Uri.from({ scheme: POD_SCHEME, path: `/${parts.join('/')}/${tail}` });
}

export function parsePodDocumentUri(uri: vscode.Uri): PodDocumentRef | undefined {
  if (uri.scheme !== POD_SCHEME) return undefined;
  const p = uri.path.split('/').slice(1).map(decodeURIComponent);
  if (p[0] === 'describe' && p.length === 4 && p[3]?.endsWith('.describe')) return { view: 'describe', context: p[1], namespace: p[2], pod: p[3].slice(0, -'.describe'.length) };
  if (p[0] === 'previous' && p.length === 5 && p[4]?.endsWith('.log')) return { view: 'previous', context: p[1], namespace: p[2], pod: p[3], container: p[4].slice(0, -'.log'.length) };
  return undefined;
}

export class PodDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly live = new LiveDocuments((uri) => this.changed.fire(uri));

  constructor(private readonly clientFor: (context: string) => WorkloadsClient | { message: string }) {}

  /** Opens the document (re-reading it when already open) in a preview editor beside nothing else. */
  async show(ref: PodDocumentRef): Promise<vscode.TextDocument> {
    const uri = podDocumentUri(ref);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (ref.view === 'previous' && doc.languageId !== 'log') doc = await vscode.languages.setTextDocumentLanguage(doc, 'log');
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  /** Refresh: read the document again now. */
  refresh(uri: vscode.Uri): void {
    if (parsePodDocumentUri(uri)) this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = parsePodDocumentUri(uri);
    if (!ref) return `Not a Phoenix Ops pod document: ${uri.toString()}\n`;
    const client = this.clientFor(ref.context);
    if (!(client instanceof WorkloadsClient)) return `Cannot reach context ${ref.context}: ${client.message}\n`;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      if (ref.view === 'previous') return await this.previous(new PodsClient(client), ref, abort.signal);
      // The pod alone, and its events (by name: a same-named replacement is a new document read anyway).
      this.live.follow(uri, [
        client.source('pods', ref.namespace, { fieldSelector: `metadata.name=${ref.pod}` }),
        client.source('events', ref.namespace, { fieldSelector: `involvedObject.name=${ref.pod}` }),
      ]);
      return await this.describe(new PodsClient(client), ref, abort.signal);
    } finally {
      sub.dispose();
    }
  }

  dispose(): void {
    this.live.dispose();
    this.changed.dispose();
  }

  private async describe(pods: PodsClient, ref: Extract<PodDocumentRef, { view: 'describe' }>, signal: AbortSignal): Promise<string> {
    const p = await pods.getPod({ namespace: ref.namespace, name: ref.pod }, signal);
    if (!p.ok) {
      if (p.error.kind === 'notFound') {
        return `Pod ${ref.pod} no longer exists: it was deleted.\n(namespace ${ref.namespace}, context ${ref.context})\n\nIf a controller owned it, its replacement has another name:\nfind it in the Deployments view and describe that one.\n`;
      }
      return `Pod ${ref.pod} in ${ref.namespace} (${ref.context}) could not be read:\n${p.error.message}\n${p.error.hint}\n`;
    }
    const ev = await pods.events(p.value, signal);
    const text = describePod({ pod: p.value, events: ev.ok ? ev.value : { error: `${ev.error.message}. ${ev.error.hint}` }, nowMs: Date.now() });
    return `${text}\n# Described ${new Date().toISOString()} from ${ref.context} (read-only; refreshes when the pod or its events change — or use Refresh).\n`;
  }

  private async previous(pods: PodsClient, ref: Extract<PodDocumentRef, { view: 'previous' }>, signal: AbortSignal): Promise<string> {
    const p = await pods.getPod({ namespace: ref.namespace, name: ref.pod }, signal);
    const choice = p.ok ? previousLogChoices(p.value).find((c) => c.name === ref.container) : undefined;
    const r = await pods.previousLog({ namespace: ref.namespace, name: ref.pod, container: ref.container }, signal);
    const log = r.ok ? { text: r.value, truncated: Buffer.byteLength(r.value) >= PREVIOUS_LOG_LIMIT_BYTES } : { error: r.error.message, hint: r.error.hint };
    return previousLogText({ context: ref.context, namespace: ref.namespace, pod: ref.pod, container: ref.container, ...(choice ? { choice } : {}), log }, new Date());
  }
}
