// What a CustomResourceDefinition serves: one ResourceInfo per served version (plural, kind, scope,
// short names, categories, the status subresource) and its table columns from additionalPrinterColumns.
import type { CustomResourceName, KubeObject } from '../../store/types';
import { ALL_VERBS, STATUS_VERBS, type ResourceInfo, type SubresourceInfo } from '../resources';
import { translateTimestampSince } from '../table/humanDuration';
import type { Cell, ColumnDefinition, Printer } from '../table/printers';

type Json = Record<string, unknown>;

const rec = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export interface CrdNames {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
}

/** The CRD's names, or a list of what is missing (the API server's Invalid causes). */
export function crdNames(crd: KubeObject): CrdNames | { missing: string[] } {
  const spec = crd.spec ?? {};
  const names = rec(spec.names) ?? {};
  const group = typeof spec.group === 'string' ? spec.group : '';
  const plural = typeof names.plural === 'string' ? names.plural : '';
  const kind = typeof names.kind === 'string' ? names.kind : '';
  const missing: string[] = [];
  if (!group) missing.push('spec.group');
  if (!plural) missing.push('spec.names.plural');
  if (!kind) missing.push('spec.names.kind');
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') missing.push('spec.scope');
  if (!servedVersions(crd).length) missing.push('spec.versions');
  if (missing.length) return { missing };
  return {
    group,
    plural,
    kind,
    singular: typeof names.singular === 'string' && names.singular ? names.singular : kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
  };
}

export function storeKeyOf(names: Pick<CrdNames, 'plural' | 'group'>): CustomResourceName {
  return `${names.plural}.${names.group}`;
}

interface VersionSpec {
  name: string;
  status: boolean;
  columns: Json[];
}

function servedVersions(crd: KubeObject): VersionSpec[] {
  const versions = Array.isArray(crd.spec?.versions) ? (crd.spec.versions as unknown[]) : [];
  return versions
    .map(rec)
    .filter((v): v is Json => v !== undefined && typeof v.name === 'string' && v.served !== false)
    .map((v) => ({
      name: v.name as string,
      status: rec(rec(v.subresources)?.status) !== undefined,
      columns: (Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : []).map(rec).filter((c): c is Json => c !== undefined),
    }));
}

/** One ResourceInfo per served version of a CRD (all share the store key: objects are the same whatever version reads them). */
export function crdResources(crd: KubeObject): ResourceInfo[] {
  const names = crdNames(crd);
  if ('missing' in names) return [];
  return servedVersions(crd).map((v) => {
    const subresources: SubresourceInfo[] = v.status ? [{ name: 'status', kind: names.kind, verbs: STATUS_VERBS }] : [];
    return {
      group: names.group,
      version: v.name,
      resource: storeKeyOf(names),
      plural: names.plural,
      singular: names.singular,
      kind: names.kind,
      namespaced: names.namespaced,
      verbs: ALL_VERBS,
      shortNames: names.shortNames,
      categories: names.categories,
      subresources,
      fieldLabels: [],
      hasStatus: v.status,
      returnsDeletedObject: false,
      printer: columnsPrinter(v.columns),
    };
  });
}

const NAME_COLUMN: ColumnDefinition = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 };
const AGE_COLUMN: ColumnDefinition = { name: 'Age', type: 'date', format: '', description: 'Custom resource definition column (in JSONPath format): .metadata.creationTimestamp', priority: 0 };

/** NAME, the CRD's columns (or AGE when it has none), as the real server's CRD table convertor. */
function columnsPrinter(columns: Json[]): Printer {
  const defs = columns.length
    ? columns.map((c): ColumnDefinition => ({
        name: typeof c.name === 'string' ? c.name : '',
        type: columnType(c.type),
        format: typeof c.format === 'string' ? c.format : '',
        description: typeof c.description === 'string' ? c.description : `Custom resource definition column (in JSONPath format): ${typeof c.jsonPath === 'string' ? c.jsonPath : ''}`,
        priority: typeof c.priority === 'number' ? c.priority : 0,
      }))
    : [AGE_COLUMN];
  const paths = columns.length ? columns.map((c) => (typeof c.jsonPath === 'string' ? c.jsonPath : '')) : ['.metadata.creationTimestamp'];
  const types = defs.map((d) => d.type);
  return {
    columns: [NAME_COLUMN, ...defs],
    cells: (obj, now) => [obj.metadata.name, ...paths.map((p, i) => cell(lookup(obj, p), types[i] ?? 'string', now))],
  };
}

function columnType(t: unknown): ColumnDefinition['type'] {
  return t === 'integer' || t === 'number' || t === 'boolean' || t === 'date' ? t : 'string';
}

/** A simple JSONPath (`.status.phase`, `.spec.containers[0].image`, `.status.conditions[?(@.type=="Ready")].status`). */
export function lookup(obj: unknown, path: string): unknown {
  const tokens = path.replace(/^\$?\.?/, '').match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let cur: unknown = obj;
  for (const t of tokens) {
    if (cur === undefined || cur === null) return undefined;
    if (t.startsWith('[')) {
      const inner = t.slice(1, -1);
      const filter = /^\?\(@\.([\w-]+)\s*==\s*["']([^"']*)["']\)$/.exec(inner);
      if (filter && Array.isArray(cur)) cur = cur.find((x) => rec(x)?.[filter[1]] === filter[2]);
      else if (/^\d+$/.test(inner) && Array.isArray(cur)) cur = cur[Number(inner)];
      else return undefined;
    } else {
      cur = rec(cur)?.[t];
    }
  }
  return cur;
}

function cell(v: unknown, type: ColumnDefinition['type'], now: Date): Cell {
  if (v === undefined || v === null) return '';
  if (type === 'date' && typeof v === 'string') return translateTimestampSince(v, now);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
