// The scheduler and kubelet of the simulated cluster: binds pods to nodes, pulls, starts, readies, crash-loops and gracefully deletes them, one timer per step.
import type { KubeObject, StoreEvent } from '../store/types';
import { type ControllerContext, tryWrite } from './controllerContext';
import { imageBehaviour, imageID, imageSize } from './imageBehaviour';
import { type ContainerSpec, type ContainerStatus, type Pod, asPod, containersOf } from './kinds';
import { containerIdFor, containerStatus, refreshReadiness, restartPolicyOf, scheduledStatus } from './podShape';
import { type DurationName, isoSeconds } from './simTime';

type Step = (pod: Pod, c: ContainerSpec) => void;

/** What a crash-looping container's process leaves in its termination log (the last line of its log says the same). */
export const CRASH_TERMINATION_MESSAGE = 'startup failed: invalid memory address or nil pointer dereference';

export class PodLifecycle {
  /** pod uid → slot ("pod" or a container name) → pending timer */
  private readonly timers = new Map<string, Map<string, NodeJS.Timeout>>();
  /** pod uid/container → failed pulls so far (for the image pull back-off) */
  private readonly pullFailures = new Map<string, number>();
  private readonly removing = new Set<string>();
  private disposed = false;

  constructor(private readonly ctx: ControllerContext) {}

  onEvent(e: StoreEvent): void {
    if (e.resource !== 'pods') return;
    const pod = asPod(e.object);
    const uid = pod.metadata.uid ?? '';
    if (e.type === 'DELETED') {
      this.forget(uid, pod);
      return;
    }
    if (pod.metadata.deletionTimestamp) this.scheduleRemoval(pod);
    else if (e.type === 'ADDED') this.resume(pod);
  }

  /** Graceful deletion, as `kubectl delete pod` or a ReplicaSet scale-down asks for it. */
  readonly terminate = (o: KubeObject): void => {
    if (o.metadata.deletionTimestamp) return;
    const copy = structuredClone(o);
    copy.metadata.deletionTimestamp = isoSeconds(this.ctx.clock.nowMs());
    copy.metadata.deletionGracePeriodSeconds = asPod(o).spec.terminationGracePeriodSeconds ?? 30;
    tryWrite(() => this.ctx.store.update('pods', copy));
  };

  /** Picks a pod up wherever its status says it is (new pods, and pods found at start-up). */
  resume(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.scheduleRemoval(pod);
    // A finished pod (Succeeded or Failed) never runs again.
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    if (!pod.spec.nodeName) return this.after(pod, 'pod', this.ctx.timing.ms('schedule'), () => this.bind(pod));
    for (const c of containersOf(pod)) {
      const s = pod.status?.containerStatuses?.find((x) => x.name === c.name);
      const behaviour = imageBehaviour(c.image ?? '');
      const waiting = s?.state.waiting?.reason;
      if (!s || waiting === 'ContainerCreating' || waiting === 'InvalidImageName') this.step(pod, c, 'pullStart', this.pull);
      else if (waiting === 'ErrImagePull') this.step(pod, c, 'pullFailed', this.pullBackOff);
      else if (waiting === 'ImagePullBackOff') this.step(pod, c, 'pullStart', this.pull);
      else if (waiting === 'CrashLoopBackOff') this.stepIn(pod, c, this.ctx.timing.backoffMs(Math.max(0, s.restartCount - 1)), this.start);
      else if (s.state.terminated) {
        if (restarts(pod, s.state.terminated.exitCode)) this.step(pod, c, 'crashNoticed', this.crashLoopBackOff);
      } else if (s.state.running && behaviour === 'crash') this.step(pod, c, 'crashAfter', this.crash);
      else if (s.state.running && !s.ready) this.step(pod, c, 'ready', this.ready);
      else if (s.state.running && runsToCompletion(pod)) this.step(pod, c, 'runToCompletion', this.complete);
    }
  }

  /** Pods with a step still to come (tests and leak checks). */
  get activePods(): number {
    return this.timers.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const m of this.timers.values()) for (const t of m.values()) clearTimeout(t);
    this.timers.clear();
  }

  // ---- steps -------------------------------------------------------------------------------

  private bind(stale: Pod): void {
    const open = this.ctx.nodes.pick(stale.metadata.name);
    if (!open) {
      // Every node is cordoned: the pod stays Pending and the scheduler tries again, as the real one does.
      const current = this.current(stale);
      if (!current || current.metadata.deletionTimestamp) return;
      const n = this.ctx.nodes.nodes.length;
      this.ctx.events.record(current, 'Warning', 'FailedScheduling', `0/${n} nodes are available: ${n} node(s) were unschedulable. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`, { component: 'default-scheduler' });
      this.after(current, 'pod', this.ctx.timing.ms('schedule') * 20, () => this.bind(current));
      return;
    }
    this.mutate(stale, (pod, now) => {
      const node = this.ctx.nodes.pick(pod.metadata.name) ?? open;
      pod.spec.nodeName = node.name;
      scheduledStatus(pod, node, this.ctx.nodes.allocatePodIP(), now);
      this.ctx.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.name}`, { component: 'default-scheduler' });
      for (const c of containersOf(pod)) this.step(pod, c, 'pullStart', this.pull);
    });
  }

  private readonly pull: Step = (pod, c) => {
    if (imageBehaviour(c.image ?? '') === 'invalid') return this.invalidImage(pod, c);
    this.kubeletEvent(pod, c, 'Normal', 'Pulling', `Pulling image "${c.image ?? ''}"`);
    this.step(pod, c, 'pull', imageBehaviour(c.image ?? '') === 'missing' ? this.pullFailed : this.start);
  };

  private readonly pullFailed: Step = (stale, c) => {
    const image = c.image ?? '';
    const reason = `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
    this.mutateContainer(stale, c, (s) => {
      s.state = { waiting: { reason: 'ErrImagePull', message: reason } };
    });
    this.kubeletEvent(stale, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${reason}`);
    this.kubeletEvent(stale, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    this.step(stale, c, 'pullFailed', this.pullBackOff);
  };

  /** A reference the kubelet cannot parse is never pulled: the container waits with InvalidImageName until the template changes. */
  private readonly invalidImage: Step = (stale, c) => {
    const image = c.image ?? '';
    const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
    this.mutateContainer(stale, c, (s) => {
      s.state = { waiting: { reason: 'InvalidImageName', message } };
    });
    this.kubeletEvent(stale, c, 'Warning', 'InspectFailed', message);
    this.kubeletEvent(stale, c, 'Warning', 'Failed', 'Error: InvalidImageName');
  };

  private readonly pullBackOff: Step = (stale, c) => {
    const image = c.image ?? '';
    const key = `${stale.metadata.uid ?? ''}/${c.name}`;
    const failures = this.pullFailures.get(key) ?? 0;
    this.pullFailures.set(key, failures + 1);
    this.mutateContainer(stale, c, (s) => {
      s.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
    });
    this.kubeletEvent(stale, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
    this.kubeletEvent(stale, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    this.stepIn(stale, c, this.ctx.timing.backoffMs(failures), this.pull);
  };

  /** Creates and starts a container instance: the first one, or a restart after a crash. */
  private readonly start: Step = (stale, c) => {
    const image = c.image ?? '';
    const before = stale.status?.containerStatuses?.find((x) => x.name === c.name);
    // A container that has run before (it has an ID, or exited, or is backing off) is restarted, not pulled.
    const restart = !!before && !!(before.containerID || before.state.terminated || before.state.waiting?.reason === 'CrashLoopBackOff');
    this.mutateContainer(stale, c, (s, pod, now) => {
      if (restart) {
        if (s.state.terminated) s.lastState = { terminated: s.state.terminated };
        s.restartCount += 1;
      }
      s.containerID = containerIdFor(pod, c.name, s.restartCount);
      s.state = { running: { startedAt: now } };
      s.ready = false;
      s.started = true;
    });
    const pullMs = Math.round(this.ctx.timing.ms('pull'));
    this.kubeletEvent(
      stale,
      c,
      'Normal',
      'Pulled',
      restart
        ? `Container image "${image}" already present on machine`
        : `Successfully pulled image "${image}" in ${pullMs}ms (${pullMs}ms including waiting). Image size: ${imageSize(image)} bytes.`,
    );
    this.kubeletEvent(stale, c, 'Normal', 'Created', `Created container ${c.name}`);
    this.kubeletEvent(stale, c, 'Normal', 'Started', `Started container ${c.name}`);
    if (imageBehaviour(image) === 'crash') this.step(stale, c, 'crashAfter', this.crash);
    else this.step(stale, c, 'ready', this.ready);
  };

  private readonly ready: Step = (stale, c) => {
    this.mutateContainer(stale, c, (s) => {
      if (s.state.running) s.ready = true;
    });
    // A Job's container does its work and exits; a Deployment's (restartPolicy Always) serves until deleted.
    if (runsToCompletion(stale)) this.step(stale, c, 'runToCompletion', this.complete);
  };

  /** The process finishes its work and exits 0: the container stays terminated (Completed), never restarted. */
  private readonly complete: Step = (stale, c) => {
    this.mutateContainer(stale, c, (s, _pod, now) => {
      if (!s.state.running) return;
      s.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: s.state.running.startedAt ?? now, finishedAt: now, containerID: s.containerID ?? '' } };
      s.ready = false;
      s.started = false;
    });
  };

  /** The process exits with code 1 (its log ends in a stack trace and a fatal line). */
  private readonly crash: Step = (stale, c) => {
    this.mutateContainer(stale, c, (s, _pod, now) => {
      // The message is what the process wrote to its termination log (/dev/termination-log) as it died.
      s.state = { terminated: { exitCode: 1, reason: 'Error', message: CRASH_TERMINATION_MESSAGE, startedAt: s.state.running?.startedAt ?? now, finishedAt: now, containerID: s.containerID ?? '' } };
      s.ready = false;
      s.started = false;
    });
    // restartPolicy Never: the container stays terminated (the pod ends Failed once every container has exited).
    if (restarts(stale, 1)) this.step(stale, c, 'crashNoticed', this.crashLoopBackOff);
  };

  /** The kubelet restarts at once after the first exit, then backs off 10 s, 20 s, 40 s … (CrashLoopBackOff). */
  private readonly crashLoopBackOff: Step = (stale, c) => {
    const current = this.current(stale);
    const s = current?.status?.containerStatuses?.find((x) => x.name === c.name);
    if (!current || !s) return;
    if (s.restartCount === 0) return this.start(current, c);
    const n = s.restartCount - 1;
    const podRef = `${current.metadata.name}_${current.metadata.namespace ?? ''}(${current.metadata.uid ?? ''})`;
    this.mutateContainer(current, c, (cs) => {
      if (cs.state.terminated) cs.lastState = { terminated: cs.state.terminated };
      cs.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${this.ctx.timing.backoffLabel(n)} restarting failed container=${c.name} pod=${podRef}` } };
    });
    this.kubeletEvent(current, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`);
    this.stepIn(current, c, this.ctx.timing.backoffMs(n), this.start);
  };

  private scheduleRemoval(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (this.removing.has(uid)) return;
    this.removing.add(uid);
    this.clear(uid);
    for (const s of pod.status?.containerStatuses ?? []) {
      const c = containersOf(pod).find((x) => x.name === s.name);
      if (c && s.state.running) this.kubeletEvent(pod, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    const graceMs = (typeof pod.metadata.deletionGracePeriodSeconds === 'number' ? pod.metadata.deletionGracePeriodSeconds : 30) * 1000;
    this.after(pod, 'pod', Math.min(graceMs, this.ctx.timing.ms('graceful')), () => {
      const current = this.current(pod);
      if (current) tryWrite(() => this.ctx.store.delete('pods', current.metadata.namespace, current.metadata.name));
    });
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private step(pod: Pod, c: ContainerSpec, duration: DurationName, fn: Step): void {
    this.stepIn(pod, c, this.ctx.timing.ms(duration), fn);
  }

  /** Runs a container step later, if the pod is still there and not being deleted. */
  private stepIn(pod: Pod, c: ContainerSpec, ms: number, fn: Step): void {
    this.after(pod, c.name, ms, () => {
      const current = this.current(pod);
      if (current && !current.metadata.deletionTimestamp) fn(current, c);
    });
  }

  private after(pod: Pod, slot: string, ms: number, fn: () => void): void {
    if (this.disposed) return;
    const uid = pod.metadata.uid ?? '';
    let slots = this.timers.get(uid);
    if (!slots) this.timers.set(uid, (slots = new Map()));
    const existing = slots.get(slot);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      const m = this.timers.get(uid);
      m?.delete(slot);
      if (m && m.size === 0) this.timers.delete(uid);
      fn();
    }, ms);
    timer.unref();
    slots.set(slot, timer);
  }

  /** The stored pod with the same uid (a pod of the same name created later is another pod). */
  private current(pod: Pod): Pod | undefined {
    const o = this.ctx.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    return o && o.metadata.uid === pod.metadata.uid ? asPod(o) : undefined;
  }

  private mutate(stale: Pod, fn: (pod: Pod, now: string) => void): void {
    const current = this.current(stale);
    if (!current || current.metadata.deletionTimestamp) return;
    const copy = structuredClone(current);
    const now = isoSeconds(this.ctx.clock.nowMs());
    fn(copy, now);
    refreshReadiness(copy, now);
    tryWrite(() => this.ctx.store.update('pods', copy));
  }

  private mutateContainer(stale: Pod, c: ContainerSpec, fn: (s: ContainerStatus, pod: Pod, now: string) => void): void {
    this.mutate(stale, (pod, now) => {
      const statuses = ((pod.status ??= {}).containerStatuses ??= []);
      let s = statuses.find((x) => x.name === c.name);
      if (!s) statuses.push((s = containerStatus(c, 0, { waiting: { reason: 'ContainerCreating' } })));
      fn(s, pod, now);
      s.imageID = s.state.running || s.state.terminated || s.lastState.terminated ? imageID(c.image ?? '') : '';
    });
  }

  private kubeletEvent(pod: Pod, c: ContainerSpec, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const current = this.current(pod) ?? pod;
    this.ctx.events.record(current, type, reason, message, { component: 'kubelet', host: current.spec.nodeName }, `spec.containers{${c.name}}`);
  }

  private clear(uid: string): void {
    const slots = this.timers.get(uid);
    if (slots) for (const t of slots.values()) clearTimeout(t);
    this.timers.delete(uid);
  }

  private forget(uid: string, pod: Pod): void {
    this.clear(uid);
    this.removing.delete(uid);
    for (const c of containersOf(pod)) this.pullFailures.delete(`${uid}/${c.name}`);
  }
}

/** Whether the kubelet restarts a container that exited with this code (restartPolicy Always, or OnFailure and non-zero). */
function restarts(pod: Pod, exitCode: number): boolean {
  const policy = restartPolicyOf(pod);
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** Pods whose containers exit by themselves when their work is done (a Job's: restartPolicy Never or OnFailure). */
function runsToCompletion(pod: Pod): boolean {
  return restartPolicyOf(pod) !== 'Always';
}
