// Apply File…'s work, apart from VS Code: resolve each document's kind, read the live object, dry-run the change on
// the server (create, or kubectl's apply patch), judge created / configured / unchanged from what the server would
// store, then — after the caller's confirmation — apply for real. The server does the validating and defaulting.
import type { Result } from '../../core/result';
import { type KubeJson, metadataOf } from './editableObject';
import { applyPatchFor, withLastApplied } from './applyPatch';
import type { ManifestDoc } from './manifest';
import { comparableObject, fieldChanges, type FieldChange } from './objectDiff';

export interface ResourceType {
  /** /api/v1 or /apis/<group>/<version> */
  api: string;
  resource: string;
  kind: string;
  /** '' for the core group. */
  group: string;
  namespaced: boolean;
}

export interface PortError {
  message: string;
  hint?: string;
  /** 'notFound', 'conflict' … as the client names them. */
  kind?: string;
}

export interface WhereObject {
  type: ResourceType;
  namespace?: string;
  name: string;
}

/** The cluster, as Apply File… and Edit YAML use it. */
export interface ManifestPort {
  resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<Result<ResourceType, PortError>>;
  /** undefined when there is none. */
  get(at: WhereObject, signal?: AbortSignal): Promise<Result<KubeJson | undefined, PortError>>;
  create(at: WhereObject, body: KubeJson, dryRun: boolean, signal?: AbortSignal): Promise<Result<KubeJson, PortError>>;
  patch(at: WhereObject, patch: KubeJson, dryRun: boolean, signal?: AbortSignal): Promise<Result<KubeJson, PortError>>;
  /** A full replacement carrying metadata.resourceVersion: 409 when the object changed since. */
  replace(at: WhereObject, body: KubeJson, dryRun: boolean, signal?: AbortSignal): Promise<Result<KubeJson, PortError>>;
}

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export interface PlannedObject {
  doc: ManifestDoc;
  at: WhereObject;
  /** The manifest's object with the namespace filled in. */
  body: KubeJson;
  live?: KubeJson;
  /** What the server would store (the dry run's answer). */
  dryRun: KubeJson;
  outcome: ApplyOutcome;
  changes: FieldChange[];
}

export interface PlanFailure {
  doc: ManifestDoc;
  message: string;
}

export type ManifestPlan = { ok: true; objects: PlannedObject[] } | { ok: false; failures: PlanFailure[]; objects: PlannedObject[] };

/** kubectl's name for an object: deployment.apps/platform-api, configmap/settings. */
export function kubectlName(type: Pick<ResourceType, 'kind' | 'group'>, name: string): string {
  return `${type.kind.toLowerCase()}${type.group ? `.${type.group}` : ''}/${name}`;
}

/** Dry-runs every document (all of them, so every problem is reported at once); nothing is stored. */
export async function planManifest(docs: readonly ManifestDoc[], port: ManifestPort, defaultNamespace: string, signal?: AbortSignal): Promise<ManifestPlan> {
  const objects: PlannedObject[] = [];
  const failures: PlanFailure[] = [];
  for (const doc of docs) {
    const r = await planOne(doc, port, defaultNamespace, signal);
    if ('message' in r) failures.push({ doc, message: r.message });
    else objects.push(r);
  }
  return failures.length ? { ok: false, failures, objects } : { ok: true, objects };
}

async function planOne(doc: ManifestDoc, port: ManifestPort, defaultNamespace: string, signal?: AbortSignal): Promise<PlannedObject | { message: string }> {
  const type = await port.resolve(doc.id.apiVersion, doc.id.kind, signal);
  if (!type.ok) return { message: errorText(type.error) };
  const body = structuredClone(doc.object);
  const meta = metadataOf(body);
  body.metadata = meta;
  if (type.value.namespaced) meta.namespace = doc.id.namespace ?? defaultNamespace;
  else if (doc.id.namespace) return { message: `${doc.id.kind} is not namespaced, but metadata.namespace is "${doc.id.namespace}"` };
  const at: WhereObject = { type: type.value, name: doc.id.name, ...(type.value.namespaced ? { namespace: meta.namespace as string } : {}) };
  const live = await port.get(at, signal);
  if (!live.ok) return { message: errorText(live.error) };
  const dry = live.value ? await port.patch(at, applyPatchFor(body, live.value), true, signal) : await port.create(at, withLastApplied(body), true, signal);
  if (!dry.ok) return { message: `server-side dry run refused it: ${errorText(dry.error)}` };
  const changes = live.value ? fieldChanges(comparableObject(live.value), comparableObject(dry.value)) : fieldChanges({}, comparableObject(dry.value));
  const outcome: ApplyOutcome = !live.value ? 'created' : changes.length ? 'configured' : 'unchanged';
  return { doc, at, body, ...(live.value ? { live: live.value } : {}), dryRun: dry.value, outcome, changes };
}

export interface AppliedObject {
  name: string;
  outcome: ApplyOutcome;
}

export interface ApplyFailure {
  name: string;
  message: string;
}

/** Applies the planned objects in file order (a namespace before what goes in it), going on past a failure as kubectl does. */
export async function applyPlanned(objects: readonly PlannedObject[], port: ManifestPort, signal?: AbortSignal): Promise<{ applied: AppliedObject[]; failed: ApplyFailure[] }> {
  const applied: AppliedObject[] = [];
  const failed: ApplyFailure[] = [];
  for (const o of objects) {
    const name = kubectlName(o.at.type, o.at.name);
    if (o.outcome === 'unchanged') {
      applied.push({ name, outcome: 'unchanged' });
      continue;
    }
    const r = o.live ? await port.patch(o.at, applyPatchFor(o.body, o.live), false, signal) : await port.create(o.at, withLastApplied(o.body), false, signal);
    if (r.ok) applied.push({ name, outcome: o.outcome });
    else failed.push({ name, message: errorText(r.error) });
  }
  return { applied, failed };
}

/** "1 created, 2 configured, 1 unchanged" (only the non-zero ones). */
export function outcomeCounts(outcomes: readonly ApplyOutcome[]): string {
  const order: ApplyOutcome[] = ['created', 'configured', 'unchanged'];
  const parts = order.map((o) => [o, outcomes.filter((x) => x === o).length] as const).filter(([, n]) => n > 0);
  return parts.length ? parts.map(([o, n]) => `${n} ${o}`).join(', ') : 'nothing';
}

export function errorText(e: PortError): string {
  return e.hint ? `${e.message}. ${e.hint}` : e.message;
}
