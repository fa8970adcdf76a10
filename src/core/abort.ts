// AbortSignal glue: every client call takes a signal and a timeout; this combines them.
import { clampTimerMs } from './timers';

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms / 1000} s`);
    this.name = 'TimeoutError';
  }
}

/**
 * A signal that aborts when `parent` aborts or after `ms`. The reason is a TimeoutError
 * on timeout so callers can tell "gave up waiting" from "user cancelled".
 */
export function withTimeout(ms: number, parent?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(ms)), clampTimerMs(ms));
  const onParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/**
 * Like withTimeout, but `touch()` starts the wait over: a timeout on each silence rather than on the
 * whole exchange. A server that keeps answering (headers, then chunk after chunk of a 17 MB list)
 * is never cut off; one that goes quiet for `ms` is.
 */
export function withIdleTimeout(ms: number, parent?: AbortSignal): { signal: AbortSignal; touch(): void; dispose(): void } {
  const controller = new AbortController();
  const expire = () => controller.abort(new TimeoutError(ms));
  let timer = setTimeout(expire, ms);
  const onParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    touch: () => {
      if (controller.signal.aborted) return;
      clearTimeout(timer);
      timer = setTimeout(expire, ms);
    },
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/** Resolves after `ms`, or rejects when the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(asError(signal.reason));
    const onAbort = () => {
      clearTimeout(t);
      reject(asError(signal?.reason));
    };
    const t = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      clampTimerMs(ms, { min: 0 }),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(typeof reason === 'string' ? reason : 'aborted');
}
