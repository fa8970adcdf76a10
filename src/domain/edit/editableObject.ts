// Edit YAML's document: the live object as `kubectl edit` shows it, minus what the user cannot change through it
// (managedFields: the server's bookkeeping; status: owned by the status subresource, a PUT ignores it). Pure.
import { stringify } from 'yaml';

export type KubeJson = Record<string, unknown>;

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
}

export function metadataOf(o: KubeJson): KubeJson {
  const m = o.metadata;
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as KubeJson) : {};
}

export function identityOf(o: KubeJson): ObjectIdentity {
  const m = metadataOf(o);
  return {
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof m.name === 'string' ? m.name : '',
    ...(typeof m.namespace === 'string' && m.namespace ? { namespace: m.namespace } : {}),
  };
}

/** A copy without managedFields and status (the input is left alone). */
export function editableObject(o: KubeJson): KubeJson {
  const copy = structuredClone(o);
  delete copy.status;
  const m = metadataOf(copy);
  delete m.managedFields;
  return copy;
}

export function objectToYaml(o: KubeJson): string {
  return stringify(o, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** What the editor shows: a comment saying what it is and how saving works, then the object. */
export function editableYaml(o: KubeJson, context: string): string {
  const id = identityOf(o);
  const where = id.namespace ? ` in ${id.namespace}` : '';
  return (
    `# ${id.kind.toLowerCase()}/${id.name}${where} on ${context}. Save to apply: a server-side dry run and a diff come first,\n` +
    `# then the change is applied only after you confirm. managedFields and status are not shown.\n` +
    objectToYaml(editableObject(o))
  );
}
