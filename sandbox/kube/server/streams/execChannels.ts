// KEP-4006 framing of the remote-command WebSocket subprotocols: every binary message starts with a channel byte
// (0 stdin, 1 stdout, 2 stderr, 3 error/status JSON, 4 resize JSON; v5 adds 255 = close, followed by the byte of
// the channel being closed), and the status documents the kubelet writes on channel 3.

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** Served subprotocols, most preferred first. v1–v3 (no status channel, base64 variants) are not served. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

export function frame(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

/** The status the kubelet writes when the command ends; JSON of a metav1.Status without kind/apiVersion, as v4 does. */
export function exitStatus(code: number, command: string[]): string {
  if (code === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    // containerd's wording of the exec error, wrapped by the kubelet's "command terminated with non-zero exit code".
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  });
}

/** A command the runtime could not start (not found, not executable): an internal error, as containerd reports it. */
export function startFailure(command: string[], why: string): string {
  const inner = `failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0] ?? ''}": ${why}: unknown`;
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: error executing command in container: ${inner}`,
    reason: 'InternalError',
    details: { causes: [{ message: `error executing command in container: ${inner}` }] },
    code: 500,
  });
}

export interface TerminalSize {
  width: number;
  height: number;
}

/** A resize message's body: {"Width":W,"Height":H} (Go field names); undefined when it is not one. */
export function parseResize(body: Buffer): TerminalSize | undefined {
  try {
    const v = JSON.parse(body.toString('utf8')) as { Width?: unknown; Height?: unknown };
    const width = Number(v.Width);
    const height = Number(v.Height);
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width > 10_000 || height > 10_000) return undefined;
    return { width, height };
  } catch {
    return undefined;
  }
}
