// Read-only documents for Show YAML and Show Events, served from the cluster on open
// (phoenix-ops:/yaml/<context>/<namespace>/<resource>/<name>.yaml, …/events/….events). An events document stays
// live: while it is open, a watch on the namespace's events reads it again when one arrives (at most once a second).
import * as vscode from 'vscode';
import { ResourcesClient, type ResourceType } from '../../clients/kubernetes/resourcesClient';
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

/** Any other namespaced kind (a Resources view row): its API coordinates travel in the URI's query. */
export interface ResourceDocumentRef {
  view: 'yaml' | 'events';
  context: string;
  namespace: string;
  type: ResourceType;
  name: string;
}

export type DocumentRef = KubeDocumentRef | ResourceDocumentRef;

export function kubeDocumentUri(ref: DocumentRef): vscode.Uri {
  const resource = 'type' in ref ? ref.type.resource : ref.resource;
  const parts = [ref.view, ref.context, ref.namespace, resource].map(encodeURIComponent);
  const query = 'type' in ref ? new URLSearchParams({ group: ref.type.group, version: ref.type.version, kind: ref.type.kind }).toString() : undefined;
  return vscode.Uri.from({ scheme: KUBE_SCHEME, path: `/${parts.join('/')}/${encodeURIComponent(ref.name)}.${ref.view === 'yaml' ? 'yaml' : 'events'}`, query });
}

function parse(uri: vscode.Uri): DocumentRef | undefined {
  const parts = uri.path.split('/').slice(1).map(decodeURIComponent);
  if (parts.length !== 5) return undefined;
  const [view, context, namespace, resource, file] = parts as [string, string, string, string, string];
  if (view !== 'yaml' && view !== 'events') return undefined;
  const name = file.replace(/\.(yaml|events)$/, '');
  const q = new URLSearchParams(uri.query);
  const version = q.get('version');
  const kind = q.get('kind');
  if (version && kind) return { view, context, namespace, name, type: { group: q.get('group') ?? '', version, resource, kind } };
  if (!['deployments', 'replicasets', 'pods'].includes(resource)) return undefined;
  return { view, context, namespace, resource: resource as KubeDocumentRef['resource'], name };
}

export class KubeDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly live = new LiveDocuments((uri) => this.changed.fire(uri), 1000);

  constructor(private readonly clientFor: (context: string) => WorkloadsClient | { message: string }) {}

  /** Opens (or re-reads, if already open) the document in a preview editor. */
  async show(ref: DocumentRef): Promise<vscode.TextDocument> {
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
      if ('type' in ref) {
        if (ref.view === 'yaml') return await this.resourceYaml(new ResourcesClient(client), ref, abort.signal);
        this.live.follow(uri, [client.source('events', ref.namespace)]);
        return await this.eventsOf(client, ref, `${ref.type.kind.toLowerCase()}/${ref.name}`, { replicaSets: [], objects: [{ kind: ref.type.kind, name: ref.name }] }, abort.signal);
      }
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

  private async resourceYaml(client: ResourcesClient, ref: ResourceDocumentRef, signal: AbortSignal): Promise<string> {
    const r = await client.get(ref.type, ref.namespace, ref.name, signal);
    if (!r.ok) return `# Could not read ${ref.type.resource}/${ref.name} in ${ref.namespace} (${ref.context}): ${r.error.message}\n# ${r.error.hint}\n`;
    return `# ${ref.type.kind} ${ref.name} in ${ref.namespace} on ${ref.context}, read ${new Date().toISOString()} (read-only; managedFields omitted)\n${objectYaml(r.value)}`;
  }

  private async events(client: WorkloadsClient, ref: KubeDocumentRef, signal: AbortSignal): Promise<string> {
    const scope = await this.eventScope(client, ref, signal);
    if (typeof scope === 'string') return scope;
    const singular = ref.resource === 'replicasets' ? 'replicaset' : ref.resource.slice(0, -1);
    return this.eventsOf(client, ref, `${singular}/${ref.name}${ref.resource === 'deployments' ? ', its ReplicaSets and pods' : ''}`, scope, signal);
  }

  private async eventsOf(client: WorkloadsClient, ref: DocumentRef, what: string, scope: EventScope, signal: AbortSignal): Promise<string> {
    const r = await client.events(ref.namespace, signal);
    if (!r.ok) return `Could not list events in ${ref.namespace} (${ref.context}): ${r.error.message}\n${r.error.hint}\n`;
    const text = eventsText(`Events of ${what} in ${ref.namespace} (${ref.context})`, eventsFor(r.value, scope), Date.now());
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
