// Status error bodies exactly as the real API server writes them, and the ApiError every handler throws.
import { StoreError } from '../store/objectStore';
import { qualifiedKind, qualifiedResource, type ResourceInfo } from './resources';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusBody {
    // Key order as the real server writes it: ..., message, reason, details, code.
    const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, details: this.details, code: this.code };
    if (!this.details) delete body.details;
    return body;
  }
}

/** The real server names the resource (not the kind) in `details.kind` for these errors. */
function resourceDetails(r: ResourceInfo, name?: string): StatusDetails {
  const d: StatusDetails = {};
  if (name !== undefined) d.name = name;
  if (r.group) d.group = r.group;
  d.kind = r.resource;
  return d;
}

export function notFound(r: ResourceInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(r)} "${name}" not found`, resourceDetails(r, name));
}

export function namespaceNotFound(ns: string): ApiError {
  return new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
}

export function alreadyExists(r: ResourceInfo, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, resourceDetails(r, name));
}

export function conflict(r: ResourceInfo, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${why}`, resourceDetails(r, name));
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 422 with one cause per field error, formatted like apimachinery's field.ErrorList. */
export function invalid(kind: { kind: string; group: string }, name: string, causes: StatusCause[]): ApiError {
  const texts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const details: StatusDetails = { name, kind: kind.kind, causes };
  if (kind.group) details.group = kind.group;
  return new ApiError(422, 'Invalid', `${qualifiedKind(kind)} "${name}" is invalid: ${summary}`, details);
}

/** A 422 without field causes (failed JSON patch tests, bad strategic-merge directives). */
export function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export interface ForbiddenRequest {
  user: string;
  verb: string;
  resource: ResourceInfo;
  subresource?: string;
  name?: string;
  namespace?: string;
}

/** `deployments.apps "x" is forbidden: User "u" cannot get resource "deployments" in API group "apps" in the namespace "ns"` */
export function forbidden(f: ForbiddenRequest): ApiError {
  const r = f.resource;
  const subject = f.name ? `${qualifiedResource(r)} "${f.name}"` : qualifiedResource(r);
  const res = f.subresource ? `${r.resource}/${f.subresource}` : r.resource;
  const scope = f.namespace ? `in the namespace "${f.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${f.user}" cannot ${f.verb} resource "${res}" in API group "${r.group}" ${scope}`;
  return new ApiError(403, 'Forbidden', message, resourceDetails(r, f.name));
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${contentType || 'none'})`);
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}

/** Turns anything thrown by a handler into the Status the client sees. */
export function toApiError(e: unknown, r?: ResourceInfo, name?: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof StoreError) {
    if (r && name !== undefined) {
      if (e.reason === 'NotFound' && e.message.startsWith(`${r.resource} `)) return notFound(r, name);
      if (e.reason === 'AlreadyExists') return alreadyExists(r, name);
      if (e.reason === 'Conflict') return conflict(r, name);
    }
    // The store has no BadRequest reason; 400s from it (log validation) are BadRequest on the wire.
    return new ApiError(e.code, e.code === 400 ? 'BadRequest' : e.reason, e.message);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: '', message }] });
}
