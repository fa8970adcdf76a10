// Table responses (Accept: application/json;as=Table;v=v1;g=meta.k8s.io) for get, list and watch,
// with the row object as the real server sends it (includeObject=None|Metadata|Object, default Metadata).
import type { KubeObject, ResourceName } from '../../store/types';
import { objectJson, metadataJson } from '../serialize';
import { badRequest } from '../status';
import { PRINTERS } from './printers';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject: IncludeObject;
  now: Date;
  /** The table's apiVersion (meta.k8s.io/v1, or v1beta1 for old clients). */
  apiVersion: string;
}

export function includeObjectFrom(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject') ?? 'Metadata';
  if (v === '') return 'Metadata';
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object') {
    throw badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
  }
  return v;
}

const columnsJson = new Map<ResourceName, string>();

function columnDefinitionsJson(resource: ResourceName): string {
  let s = columnsJson.get(resource);
  if (!s) columnsJson.set(resource, (s = JSON.stringify(PRINTERS[resource].columns)));
  return s;
}

function rowObjectJson(obj: KubeObject, opts: TableOptions): string {
  if (opts.includeObject === 'Object') return objectJson(obj);
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${metadataJson(obj)}}`;
}

export function rowJson(resource: ResourceName, obj: KubeObject, opts: TableOptions): string {
  const cells = JSON.stringify(PRINTERS[resource].cells(obj, opts.now));
  if (opts.includeObject === 'None') return `{"cells":${cells}}`;
  return `{"cells":${cells},"object":${rowObjectJson(obj, opts)}}`;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A whole Table as a JSON string. `headers: false` leaves out the column definitions (watch events after the first). */
export function tableJson(resource: ResourceName, objects: readonly KubeObject[], meta: TableListMeta, opts: TableOptions, headers = true): string {
  const rows = objects.map((o) => rowJson(resource, o, opts)).join(',');
  const columns = headers ? columnDefinitionsJson(resource) : 'null';
  return `{"kind":"Table","apiVersion":"${opts.apiVersion}","metadata":${JSON.stringify(meta)},"columnDefinitions":${columns},"rows":[${rows}]}`;
}
