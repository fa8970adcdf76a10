// Which container instance a log request reads, validated with the API server's and kubelet's own error messages.
import { type ContainerState, type Pod, asPod, containersOf } from '../controllers/kinds';
import { type ObjectStore, StoreError } from '../store/objectStore';
import type { LogRequest } from './logSource';

export interface LogInstance {
  pod: Pod;
  container: string;
  image: string;
  containerID: string;
  startMs: number;
  /** Set when the instance has exited: its log is complete. */
  finishedMs?: number;
}

const badRequest = (message: string): StoreError => new StoreError('Invalid', 400, message);

/** The pod's container the request names (or its only one). */
export function resolveContainer(pod: Pod, requested: string | undefined): string {
  const names = containersOf(pod).map((c) => c.name);
  const initNames = ((pod.spec.initContainers ?? []) as { name: string }[]).map((c) => c.name);
  if (requested === undefined || requested === '') {
    if (names.length === 1) return names[0];
    let msg = `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`;
    if (initNames.length) msg += ` or one of the init containers: [${initNames.join(' ')}]`;
    throw badRequest(msg);
  }
  if (!names.includes(requested) && !initNames.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
  return requested;
}

/** validateContainerLogStatus: running, else the terminated instance (current or last), else why there is none. */
export function resolveLogInstance(store: ObjectStore, req: LogRequest): LogInstance {
  const o = store.get('pods', req.namespace, req.pod);
  if (!o) throw new StoreError('NotFound', 404, `pods "${req.pod}" not found`);
  const pod = asPod(o);
  const container = resolveContainer(pod, req.container);
  if (!pod.spec.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  const where = `container "${container}" in pod "${pod.metadata.name}"`;
  if (!status) throw badRequest(`${where} is not available`);
  const { state, lastState } = status;
  const from = (s: ContainerState, id: string | undefined): LogInstance | undefined => {
    const t = s.terminated;
    const startedAt = s.running?.startedAt ?? t?.startedAt;
    if (!startedAt || !id) return undefined;
    const inst: LogInstance = { pod, container, image: status.image, containerID: id, startMs: Date.parse(startedAt) };
    if (t) inst.finishedMs = Date.parse(t.finishedAt ?? startedAt);
    return inst;
  };
  if (req.previous) {
    const inst = lastState.terminated?.containerID ? from(lastState, lastState.terminated.containerID) : undefined;
    if (!inst) throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
    return inst;
  }
  if (state.running) {
    const inst = from(state, status.containerID);
    if (inst) return inst;
  }
  if (state.terminated) {
    const inst = from(state, state.terminated.containerID || undefined) ?? (lastState.terminated?.containerID ? from(lastState, lastState.terminated.containerID) : undefined);
    if (!inst) throw badRequest(`${where} is terminated`);
    return inst;
  }
  if (lastState.terminated) {
    const inst = lastState.terminated.containerID ? from(lastState, lastState.terminated.containerID) : undefined;
    if (!inst) throw badRequest(`${where} is terminated`);
    return inst;
  }
  const reason = state.waiting?.reason;
  if (reason === 'ErrImagePull') throw badRequest(`${where} is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw badRequest(`${where} is waiting to start: trying and failing to pull image`);
  if (reason) throw badRequest(`${where} is waiting to start: ${reason}`);
  throw badRequest(`${where} is waiting to start - no logs yet`);
}

/** Whether the instance is still the container's running one (a follow stream ends when it is not). */
export function stillRunning(store: ObjectStore, inst: LogInstance): { running: boolean; finishedMs?: number } {
  const o = store.get('pods', inst.pod.metadata.namespace, inst.pod.metadata.name);
  if (!o || o.metadata.uid !== inst.pod.metadata.uid) return { running: false };
  const status = asPod(o).status?.containerStatuses?.find((s) => s.name === inst.container);
  if (status?.state.running && status.containerID === inst.containerID) return { running: true };
  const t = [status?.state.terminated, status?.lastState.terminated].find((x) => x?.containerID === inst.containerID);
  return t?.finishedAt ? { running: false, finishedMs: Date.parse(t.finishedAt) } : { running: false };
}
