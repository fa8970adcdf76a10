// Keeps read-only documents live: while a document is open, the list-watches its first read started tell it
// to read itself again. Re-reads are coalesced (a pod restart is a burst of updates and events: one re-read),
// and closing the document stops its watches.
import * as vscode from 'vscode';
import { type KubeObjectLike, type ListWatchEvent, type ListWatchSource, startListWatch } from '../../clients/kubernetes/listWatch';
import type { Disposable } from '../../core/disposable';

export class LiveDocuments implements vscode.Disposable {
  private readonly watches = new Map<string, Disposable[]>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly closing: vscode.Disposable;

  constructor(
    private readonly reread: (uri: vscode.Uri) => void,
    private readonly coalesceMs = 300,
  ) {
    this.closing = vscode.workspace.onDidCloseTextDocument((d) => this.stop(d.uri.toString()));
  }

  /** Watches `sources` for the document at `uri` unless they already are (its first read starts them). */
  follow(uri: vscode.Uri, sources: ListWatchSource<KubeObjectLike>[]): void {
    const key = uri.toString();
    if (this.watches.has(key)) return;
    this.watches.set(
      key,
      sources.map((s) => startListWatch(s, this.onNews(uri))),
    );
  }

  dispose(): void {
    this.closing.dispose();
    for (const key of [...this.watches.keys()]) this.stop(key);
  }

  /** Any change is news; the first list is what the document just showed, a relist after a reconnect may carry news. */
  private onNews(uri: vscode.Uri): (e: ListWatchEvent<KubeObjectLike>) => void {
    let synced = false;
    return (e) => {
      if (e.type === 'synced') {
        if (synced) this.soon(uri);
        synced = true;
      } else if (e.type === 'changed') this.soon(uri);
    };
  }

  private stop(key: string): void {
    for (const w of this.watches.get(key) ?? []) w.dispose();
    this.watches.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  private soon(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (this.watches.has(key)) this.reread(uri);
      }, this.coalesceMs),
    );
  }
}
