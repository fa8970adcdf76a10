// The address of an Edit YAML document: phoenix-edit:/<context>/<namespace, or _ when cluster-scoped>/<apiVersion>/<name>.<kind>.yaml
// (e.g. phoenix-edit:/phoenix-dev/phase-5/apps/v1/backend.deployment.yaml), so the tab names the object and its kind.
import * as vscode from 'vscode';

export const EDIT_SCHEME = 'phoenix-edit';
/** Read-only documents of the diffs Edit YAML and Apply File… show. */
export const EDIT_VIEW_SCHEME = 'phoenix-edit-view';

export interface EditRef {
  context: string;
  /** undefined for a cluster-scoped object. */
  namespace?: string;
  apiVersion: string;
  /** In lower case, as the address carries it. */
  kind: string;
  name: string;
}

const CLUSTER = '_';

export function editUri(ref: EditRef): vscode.Uri {
  const parts = [ref.context, ref.namespace ?? CLUSTER, ...ref.apiVersion.split('/')].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: EDIT_SCHEME, path: `/${parts.join('/')}/${encodeURIComponent(`${ref.name}.${ref.kind.toLowerCase()}`)}.yaml` });
}

export function parseEditUri(uri: vscode.Uri): EditRef | undefined {
  const parts = uri.path.split('/').slice(1).map(decodeURIComponent);
  if (parts.length !== 4 && parts.length !== 5) return undefined;
  const [context, namespace, ...rest] = parts as [string, string, ...string[]];
  const file = rest.pop() ?? '';
  const m = /^(.+)\.([a-z0-9]+)\.yaml$/.exec(file);
  if (!m || !context) return undefined;
  return { context, ...(namespace === CLUSTER ? {} : { namespace }), apiVersion: rest.join('/'), kind: m[2], name: m[1] };
}
