// Errors as values at the edges: calls that fail in normal operation return a Result.

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/**
 * The value, or a thrown Error saying what went wrong and how to fix it: for the inside of a
 * MutationGuard's `perform`, whose failure the guard audits and the command shows.
 */
export function valueOrThrow<T>(r: Result<T, { message: string; hint?: string }>): T {
  if (r.ok) return r.value;
  throw new Error(r.error.hint ? `${r.error.message}. ${r.error.hint}` : r.error.message);
}
