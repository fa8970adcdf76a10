// pods/{name}/exec: the query (PodExecOptions) and the checks the real API server and kubelet make before a
// stream opens, with their error texts: the API server's 400s (no container named, an unknown one, no node) and
// the kubelet's "container not found" when the container is not running (passed through as plain text).
import type { KubeObject } from '../../store/types';
import { parseBool } from '../logHandler';
import { badRequest } from '../status';

export interface ExecRequest {
  command: string[];
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** What the kubelet answers (through the API server's proxy) for a container that is not running: not a Status. */
export class KubeletError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'KubeletError';
  }
}

interface ContainerSpec {
  name?: string;
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? (list as ContainerSpec[]).map((c) => c.name ?? '') : [];
}

/** The container the request addresses: the named one, or the only one (the API server's streamLocation rules). */
function containerOf(pod: KubeObject, asked: string, podName: string): string {
  const spec = (pod.spec ?? {}) as { containers?: unknown; initContainers?: unknown; ephemeralContainers?: unknown };
  const containers = names(spec.containers);
  const init = names(spec.initContainers);
  if (!asked) {
    if (containers.length === 1) return containers[0];
    if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${podName}`);
    let message = `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`;
    if (init.length) message += ` or one of the init containers: [${init.join(' ')}]`;
    throw badRequest(message);
  }
  if (![...containers, ...init, ...names(spec.ephemeralContainers)].includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${podName}`);
  return asked;
}

/** Parses and checks the request against the pod as stored now; throws ApiError (a Status) or KubeletError (plain text). */
export function parseExecRequest(pod: KubeObject, podName: string, q: URLSearchParams): ExecRequest {
  const stdin = parseBool(q.get('stdin'), 'stdin');
  const stdout = parseBool(q.get('stdout'), 'stdout');
  const stderr = parseBool(q.get('stderr'), 'stderr');
  const tty = parseBool(q.get('tty'), 'tty');
  const container = containerOf(pod, q.get('container') ?? '', podName);
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) throw badRequest(`pod ${podName} does not have a host assigned`);
  const command = q.getAll('command');
  // The kubelet's own checks (its answers reach the client as text through the proxy).
  if (command.length === 0) throw new KubeletError(400, 'you must specify at least one command for the container');
  if (!stdin && !stdout && !stderr) throw new KubeletError(400, 'you must specify at least 1 of stdin, stdout, stderr');
  if (!running(pod, container)) throw new KubeletError(404, `container not found ("${container}")`);
  return { command, container, stdin, stdout, stderr, tty };
}

function running(pod: KubeObject, container: string): boolean {
  const status = (pod.status ?? {}) as { containerStatuses?: { name?: string; state?: { running?: unknown } }[] };
  return (status.containerStatuses ?? []).some((s) => s.name === container && s.state?.running !== undefined);
}
