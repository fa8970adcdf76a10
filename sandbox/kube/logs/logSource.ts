// Contract between the API server's `pods/{name}/log` endpoint and the simulated container logs.
//
// Each query parameter of the real endpoint maps onto a field here. The source validates like
// the kubelet does (unknown pod → NotFound; container missing on a multi-container pod, or no
// previous terminated container → Invalid with the real API server's message) by throwing StoreError.

export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  follow: boolean;
  /** Only the last N lines (before following). */
  tailLines?: number;
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number;
  /** Only lines at or after this time (RFC 3339 in the query). */
  sinceTime?: Date;
  /** Prefix each line with its RFC 3339 nanosecond timestamp and a space. */
  timestamps: boolean;
  /** The previous (terminated) instance of the container. */
  previous: boolean;
  limitBytes?: number;
}

export interface LogSink {
  /** Writes a chunk of complete lines. Resolves when the sink can take more (backpressure). */
  write(chunk: string): Promise<void>;
}

export interface LogSource {
  /**
   * Streams the pod's log into the sink. Without `follow` it resolves after the existing lines;
   * with `follow` it keeps writing new lines until the signal aborts, or the container stops
   * (pod deleted or container restarted), as the real kubelet ends the stream.
   * Validation errors are thrown (StoreError) before anything is written.
   */
  stream(req: LogRequest, sink: LogSink, signal: AbortSignal): Promise<void>;
}
