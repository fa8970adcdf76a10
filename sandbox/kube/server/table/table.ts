// Table responses (Accept: application/json;as=Table;v=v1;g=meta.k8s.io) for get, list and watch,
// with the row object as the real server sends it (includeObject=None|Metadata|Object, default Metadata).
import type { KubeObject } from '../../store/types';
import type { ResourceInfo } from '../resources';
import { objectJson, metadataJson } from '../serialize';
import { badRequest } from '../status';
import { PRINTERS, type Printer } from './printers';

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

const columnsJson = new WeakMap<Printer, string>();

/** The built-in printer of a resource, or its CRD's columns. */
function printerOf(info: ResourceInfo): Printer {
  return info.printer ?? PRINTERS[info.resource as keyof typeof PRINTERS];
}

function columnDefinitionsJson(printer: Printer): string {
  let s = columnsJson.get(printer);
  if (!s) columnsJson.set(printer, (s = JSON.stringify(printer.columns)));
  return s;
}

function rowObjectJson(obj: KubeObject, opts: TableOptions): string {
  if (opts.includeObject === 'Object') return objectJson(obj);
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${metadataJson(obj)}}`;
}

export function rowJson(info: ResourceInfo, obj: KubeObject, opts: TableOptions): string {
  const cells = JSON.stringify(printerOf(info).cells(obj, opts.now));
  if (opts.includeObject === 'None') return `{"cells":${cells}}`;
  return `{"cells":${cells},"object":${rowObjectJson(obj, opts)}}`;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A whole Table as a JSON string. `headers: false` leaves out the column definitions (watch events after the first). */
export function tableJson(info: ResourceInfo, objects: readonly KubeObject[], meta: TableListMeta, opts: TableOptions, headers = true): string {
  const rows = objects.map((o) => rowJson(info, o, opts)).join(',');
  const columns = headers ? columnDefinitionsJson(printerOf(info)) : 'null';
  return `{"kind":"Table","apiVersion":"${opts.apiVersion}","metadata":${JSON.stringify(meta)},"columnDefinitions":${columns},"rows":[${rows}]}`;
}
