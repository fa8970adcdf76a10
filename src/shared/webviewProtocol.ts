// Typed messages between a webview and the extension: each panel declares a map from message type to
// payload; both sides send `{ type, payload }` and dispatch through a handler table (no casts, no if/else).

/** A panel's messages in one direction: type → payload. */
export type MessageMap = object;

export type Message<M extends MessageMap> = { [K in keyof M & string]: { type: K; payload: M[K] } }[keyof M & string];

/** One handler per message type; the compiler insists every type is handled. */
export type Handlers<M extends MessageMap> = { [K in keyof M & string]: (payload: M[K]) => void };

export function message<M extends MessageMap, K extends keyof M & string>(type: K, payload: M[K]): Message<M> {
  return { type, payload } as Message<M>;
}

/**
 * Calls the handler for `msg.type`. Anything that is not a known message (another panel's, a
 * malformed one) returns false; a page script never gets to call arbitrary handlers.
 */
export function dispatch<M extends MessageMap>(handlers: Handlers<M>, msg: unknown): boolean {
  if (!msg || typeof msg !== 'object') return false;
  const { type, payload } = msg as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, type)) return false;
  (handlers[type as keyof M & string] as (p: unknown) => void)(payload);
  return true;
}
