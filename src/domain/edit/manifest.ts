// Reads YAML the user wrote (an Edit YAML document, a manifest of several documents) into objects, or says which
// line is wrong and why — before anything is sent. Pure.
import { LineCounter, parseAllDocuments } from 'yaml';
import { identityOf, type KubeJson, type ObjectIdentity } from './editableObject';

export interface ManifestDoc {
  /** 1-based position among the file's non-empty documents. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  id: ObjectIdentity;
  object: KubeJson;
}

export interface ManifestError {
  /** 1-based line, when the error has one. */
  line?: number;
  message: string;
}

export type ManifestParse = { ok: true; docs: ManifestDoc[] } | { ok: false; errors: ManifestError[] };

export function formatManifestError(e: ManifestError): string {
  return e.line ? `line ${e.line}: ${e.message}` : e.message;
}

/** Every document of the text; an empty document (a stray `---`, comments only) is skipped, as kubectl skips it. */
export function parseManifest(text: string): ManifestParse {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const errors: ManifestError[] = [];
  const out: ManifestDoc[] = [];
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) errors.push({ message: 'not a YAML stream' });
  for (const doc of list) {
    const start = lines.linePos(doc.range[0]).line;
    if (doc.errors.length) {
      for (const e of doc.errors) errors.push({ line: lines.linePos(e.pos[0]).line, message: firstLine(e.message) });
      continue;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const line = doc.contents ? lines.linePos(doc.contents.range[0]).line : start;
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ line, message: 'a Kubernetes object must be a mapping (apiVersion, kind, metadata …)' });
      continue;
    }
    const object = value as KubeJson;
    const id = identityOf(object);
    const missing = [!id.apiVersion && 'apiVersion', !id.kind && 'kind', !id.name && 'metadata.name'].filter(Boolean);
    if (missing.length) {
      errors.push({ line, message: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` });
      continue;
    }
    out.push({ index: out.length + 1, line, id, object });
  }
  if (errors.length) return { ok: false, errors };
  if (out.length === 0) return { ok: false, errors: [{ message: 'no Kubernetes object in it (every document is empty)' }] };
  return { ok: true, docs: out };
}

/**
 * An Edit YAML document: exactly one object, the one that was opened (its kind, name and namespace cannot change —
 * that would be another object; Apply File… is for creating).
 */
export function parseEdited(text: string, opened: ObjectIdentity): { ok: true; object: KubeJson } | { ok: false; error: ManifestError } {
  const r = parseManifest(text);
  if (!r.ok) return { ok: false, error: r.errors[0] ?? { message: 'not valid YAML' } };
  if (r.docs.length > 1) return { ok: false, error: { line: r.docs[1]?.line, message: 'Edit YAML holds one object; use Apply File… for several' } };
  const doc = r.docs[0];
  for (const field of ['apiVersion', 'kind', 'name', 'namespace'] as const) {
    const was = opened[field] ?? '';
    const now = doc.id[field] ?? '';
    // An omitted namespace means the opened one, as kubectl edit reads it.
    if (field === 'namespace' && now === '') continue;
    if (was !== now) return { ok: false, error: { line: doc.line, message: `${field === 'name' || field === 'namespace' ? `metadata.${field}` : field} cannot change from "${was}" to "${now}" in Edit YAML (that would be another object)` } };
  }
  return { ok: true, object: doc.object };
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
