// Read-only documents for Show YAML and Show Events, served from the cluster on open
// (phoenix-ops:/yaml/<context>/<namespace>/<resource>/<name>.yaml, …/events/….events). An events document stays
// live: while it is open, a watch on the namespace's events reads it again when one arrives (at most once a second).
import * as vscode from 'vscode';
import { WorkloadsClient, type WorkloadResource } from '../../clients/kubernetes/workloadsClient';
import { eventsFor, eventsText, type EventScope } from '../../domain/workloads/eventsTable';
import { controllerOf } from '../../domain/workloads/objectMeta';
import { objectYaml } from '../../domain/workloads/objectYaml';
import { KUBE_SCHEME } from './kubeScheme';
import { LiveDocuments } from './liveDocuments';

export interface KubeDocumentRef {
  view: 'yaml' | 'events';
  context: string;
  namespace: string;
  resource: Extract<WorkloadResource, 'deployments' | 'replicasets' | 'pods'>;
  name: string;
}

export function kubeDocumentUri(ref: KubeDocumentRef): vscode.Uri {
  const parts = [ref.view, ref.context, ref.namespace, ref.resource].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: KUBE_SCHEME, path: `/${parts.join('/')}/${encodeURIComponent(ref.name)}.${ref.view === 'yaml' ? 'yaml' : 'events'}` });
}

function parse(uri: vscode.Uri): KubeDocumentRef | undefined {
  const parts = uri.path.split('/').slice(1).map(decodeURIComponent);
  if (parts.length !== 5) return undefined;
  const [view, context, namespace, resource, file] = parts as [string, string, string, string, string];
  if ((view !== 'yaml' && view !== 'events') || !['deployments', 'replicasets', 'pods'].includes(resource)) return undefined;
  return { view, context, namespace, resource: resource as KubeDocumentRef['resource'], name: file.replace(/\.(yaml|events)$/, '') };
}

export class KubeDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly live = new LiveDocuments((uri) => this.changed.fire(uri), 1000);

  constructor(private readonly clientFor: (context: string) => WorkloadsClient | { message: string }) {}

  /** Opens (or re-reads, if already open) the document in a preview editor. */
  async show(ref: KubeDocumentRef): Promise<vscode.TextDocument> {
    const uri = kubeDocumentUri(ref);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (open) this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (ref.view === 'yaml' && doc.languageId !== 'yaml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = parse(uri);
    if (!ref) return `Not a Phoenix Ops document: ${uri.toString()}\n`;
    const client = this.clientFor(ref.context);
    if (!(client instanceof WorkloadsClient)) return `# Cannot reach context ${ref.context}: ${client.message}\n`;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      if (ref.view === 'yaml') return await this.yaml(client, ref, abort.signal);
      this.live.follow(uri, [client.source('events', ref.namespace)]);
      return await this.events(client, ref, abort.signal);
    } finally {
      sub.dispose();
    }
  }

  dispose(): void {
    this.live.dispose();
    this.changed.dispose();
  }

  private async yaml(client: WorkloadsClient, ref: KubeDocumentRef, signal: AbortSignal): Promise<string> {
    const r = await client.getObject(ref.resource, ref, signal);
    if (!r.ok) return `# Could not read ${ref.resource}/${ref.name} in ${ref.namespace} (${ref.context}): ${r.error.message}\n# ${r.error.hint}\n`;
    return `# ${ref.resource}/${ref.name} in ${ref.namespace} on ${ref.context}, read ${new Date().toISOString()} (read-only; managedFields omitted)\n${objectYaml(r.value)}`;
  }

  private async events(client: WorkloadsClient, ref: KubeDocumentRef, signal: AbortSignal): Promise<string> {
    const scope = await this.eventScope(client, ref, signal);
    if (typeof scope === 'string') return scope;
    const r = await client.events(ref.namespace, signal);
    if (!r.ok) return `Could not list events in ${ref.namespace} (${ref.context}): ${r.error.message}\n${r.error.hint}\n`;
    const singular = ref.resource === 'replicasets' ? 'replicaset' : ref.resource.slice(0, -1);
    const text = eventsText(`Events of ${singular}/${ref.name}${ref.resource === 'deployments' ? ', its ReplicaSets and pods' : ''} in ${ref.namespace} (${ref.context})`, eventsFor(r.value, scope), Date.now());
    return `${text}\n# Read ${new Date().toISOString()} (read-only; refreshes when an event arrives).\n`;
  }

  private async eventScope(client: WorkloadsClient, ref: KubeDocumentRef, signal: AbortSignal): Promise<EventScope | string> {
    if (ref.resource === 'pods') return { replicaSets: [], pods: [ref.name] };
    if (ref.resource === 'replicasets') return { replicaSets: [ref.name] };
    const d = await client.getDeployment(ref, signal);
    if (!d.ok) return `Could not read deployment ${ref.name} in ${ref.namespace} (${ref.context}): ${d.error.message}\n${d.error.hint}\n`;
    const rss = await client.replicaSetsOf(d.value, signal);
    if (!rss.ok) return `Could not list the ReplicaSets of ${ref.name}: ${rss.error.message}\n${rss.error.hint}\n`;
    const owned = rss.value.filter((rs) => controllerOf(rs)?.uid === d.value.metadata?.uid).map((rs) => rs.metadata?.name ?? '');
    return { deployment: ref.name, replicaSets: owned };
  }
}
