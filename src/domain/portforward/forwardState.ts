// The life of one port forward, as its row in the Port Forwards view tells it: Starting (listening, finding the pod),
// Active (connections go to pod P), Reconnecting (pod P is gone; re-resolving through deployment D), Failed (why),
// Stopped. Pure: the forwarder feeds it events, the view renders `describeState`.
export type ForwardState =
  | { kind: 'starting' }
  | { kind: 'active'; pod: string }
  | { kind: 'reconnecting'; lostPod: string; deployment: string; attempts: number; lastError?: string }
  | { kind: 'failed'; why: string }
  | { kind: 'stopped' };

export type ForwardEvent =
  | { type: 'resolved'; pod: string }
  /** The pod answered 404, is terminating, or its stream was cut and a re-read says it is gone. */
  | { type: 'podGone'; pod: string; deployment?: string }
  /** A re-resolution attempt found no ready pod, or the API failed. */
  | { type: 'resolveFailed'; error: string }
  | { type: 'fatal'; why: string }
  | { type: 'stop' };

export function nextState(s: ForwardState, e: ForwardEvent): ForwardState {
  if (s.kind === 'stopped') return s;
  switch (e.type) {
    case 'stop':
      return { kind: 'stopped' };
    case 'fatal':
      return { kind: 'failed', why: e.why };
    case 'resolved':
      return s.kind === 'failed' ? s : { kind: 'active', pod: e.pod };
    case 'podGone':
      if (s.kind === 'failed') return s;
      // A forward to a bare pod has nothing to re-resolve through: it has failed for good.
      if (!e.deployment) return { kind: 'failed', why: `pod ${e.pod} is gone and no deployment owns it: start a new forward` };
      if (s.kind === 'reconnecting') return s;
      return { kind: 'reconnecting', lostPod: e.pod, deployment: e.deployment, attempts: 0 };
    case 'resolveFailed':
      return s.kind === 'reconnecting' ? { ...s, attempts: s.attempts + 1, lastError: e.error } : s;
  }
}

/** Whether new local connections can be served now (they wait while reconnecting, fail when failed or stopped). */
export function acceptsConnections(s: ForwardState): 'serve' | 'wait' | 'refuse' {
  if (s.kind === 'active') return 'serve';
  if (s.kind === 'starting' || s.kind === 'reconnecting') return 'wait';
  return 'refuse';
}

/** The row's state text. */
export function describeState(s: ForwardState): string {
  switch (s.kind) {
    case 'starting':
      return 'Starting';
    case 'active':
      return 'Active';
    case 'reconnecting':
      return `Reconnecting — pod ${s.lostPod} gone, re-resolving through deployment ${s.deployment}${s.attempts ? ` (attempt ${s.attempts + 1}${s.lastError ? `: ${s.lastError}` : ''})` : ''}`;
    case 'failed':
      return `Failed: ${s.why}`;
    case 'stopped':
      return 'Stopped';
  }
}
