// The Resources view's nodes: namespace → kind group → object (→ a Secret's keys, a Service's endpoints). Each has a
// literal `kind` for the tree provider and the commands; object rows carry the object as last listed.
import type { KindSpec } from './resourceKinds';
import type { AnyObject, ResourceRow } from './resourceRows';

export interface NamespaceRow {
  kind: 'namespace';
  id: string;
  context: string;
  namespace: string;
}

export interface GroupRow {
  kind: 'group';
  id: string;
  context: string;
  namespace: string;
  label: string;
  /** The kind listed under it; undefined for "Custom resources" / "Other kinds", whose children are kinds found by discovery. */
  spec?: KindSpec;
  discovered?: 'custom' | 'other';
  parent: NamespaceRow | GroupRow;
}

export interface ObjectRow {
  kind: 'object';
  id: string;
  context: string;
  namespace: string;
  spec: KindSpec;
  name: string;
  uid?: string;
  row: ResourceRow;
  object: AnyObject;
  parent: GroupRow;
}

export interface SecretKeyRow {
  kind: 'secretKey';
  id: string;
  context: string;
  namespace: string;
  secret: string;
  key: string;
  /** Decoded size in bytes: what a masked row may say about a value. */
  bytes: number;
  parent: ObjectRow;
}

export interface EndpointRow {
  kind: 'endpoint';
  id: string;
  /** The pod behind the address ("" when the Endpoints object names none). */
  pod: string;
  ip: string;
  ready: boolean;
  ports: string;
  parent: ObjectRow;
}

export interface ResourceMessageRow {
  kind: 'message';
  id: string;
  severity: 'info' | 'error' | 'loading';
  text: string;
  hint?: string;
  parent?: NamespaceRow | GroupRow | ObjectRow;
}

export type ResourceNode = NamespaceRow | GroupRow | ObjectRow | SecretKeyRow | EndpointRow | ResourceMessageRow;
