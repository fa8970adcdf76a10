// One live port forward: a TCP listener on 127.0.0.1:<local> whose every connection opens its own tunnel to the pod's
// port (what kubectl does per connection, so one broken connection never takes the others down). It keeps an eye on
// its pod (a GET every few seconds while active, and at once when a tunnel fails); when the pod is gone and a
// deployment owns the target, it re-resolves to another ready pod of that deployment, holding new connections until it
// has one. Plain Node: the API calls come in through `ForwardDeps`.
import { createServer, type Server, type Socket } from 'node:net';
import type { V1Pod } from '@kubernetes/client-node';
import { acceptsConnections, type ForwardEvent, type ForwardState, nextState } from './forwardState';
import { pickServingPod } from './forwardTarget';

export interface TunnelHandle {
  done: Promise<{ error?: string }>;
  close(): void;
}

export interface ForwardDeps {
  getPod(namespace: string, name: string): Promise<{ ok: true; value: V1Pod } | { ok: false; error: { kind: string; message: string } }>;
  /** The pods a deployment owns, or why they cannot be read. */
  podsOfDeployment(namespace: string, deployment: string): Promise<V1Pod[] | string>;
  openTunnel(target: { namespace: string; pod: string; port: number }, local: Socket): Promise<{ ok: true; value: TunnelHandle } | { ok: false; error: { kind: string; message: string; status?: number } }>;
  log(message: string): void;
}

export interface ForwardSpec {
  context: string;
  namespace: string;
  /** The pod to start with. */
  pod: string;
  /** The deployment the forward was made through (or that owns the pod): re-resolved through when the pod goes. */
  deployment?: string;
  remotePort: number;
  localPort: number;
}

export interface ForwardTiming {
  /** How often an active forward checks that its pod still exists. */
  podCheckMs: number;
  /** Waits between re-resolution attempts (the last repeats). */
  retryMs: readonly number[];
  /** How long a new connection waits for a forward that is (re)connecting before it is dropped. */
  connectionWaitMs: number;
}

export const DEFAULT_TIMING: ForwardTiming = { podCheckMs: 5000, retryMs: [500, 1000, 2000, 5000], connectionWaitMs: 30_000 };

let nextId = 1;

export class PortForwarder {
  readonly id = `pf-${nextId++}`;
  private stateValue: ForwardState = { kind: 'starting' };
  private podName: string;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly tunnels = new Set<TunnelHandle>();
  private readonly waiting = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private resolving = false;
  private readonly listeners = new Set<() => void>();
  connections = 0;

  constructor(
    readonly spec: ForwardSpec,
    private readonly deps: ForwardDeps,
    private readonly timing: ForwardTiming = DEFAULT_TIMING,
  ) {
    this.podName = spec.pod;
  }

  get state(): ForwardState {
    return this.stateValue;
  }

  /** The pod connections go to now (or went to last). */
  get pod(): string {
    return this.podName;
  }

  get url(): string {
    return `http://localhost:${this.spec.localPort}`;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Listens; rejects (and is Failed) when the local port is taken. */
  async start(): Promise<void> {
    const server = createServer((s) => this.accept(s));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.spec.localPort, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why = code === 'EADDRINUSE' ? `local port ${this.spec.localPort} is in use` : `cannot listen on 127.0.0.1:${this.spec.localPort}: ${e instanceof Error ? e.message : String(e)}`;
      this.apply({ type: 'fatal', why });
      throw new Error(why);
    }
    server.on('error', (e) => this.apply({ type: 'fatal', why: `the local listener failed: ${e.message}` }));
    this.server = server;
    this.apply({ type: 'resolved', pod: this.podName });
    this.schedule(this.timing.podCheckMs, () => this.checkPod());
  }

  /** Stops listening and cuts every forwarded connection. */
  stop(): void {
    if (this.stateValue.kind === 'stopped') return;
    this.apply({ type: 'stop' });
    if (this.timer) clearTimeout(this.timer);
    this.server?.close();
    for (const t of this.tunnels) t.close();
    for (const s of this.sockets) s.destroy();
    for (const w of this.waiting) w();
  }

  /** The state's kind, read afresh (TypeScript would keep a narrowing across awaits and apply()). */
  private kind(): ForwardState['kind'] {
    return this.stateValue.kind;
  }

  private apply(e: ForwardEvent): void {
    const before = this.stateValue;
    this.stateValue = nextState(before, e);
    if (this.stateValue === before) return;
    if (this.stateValue.kind === 'active' && before.kind !== 'active') for (const w of [...this.waiting]) w();
    if (this.stateValue.kind === 'failed' || this.stateValue.kind === 'stopped') for (const w of [...this.waiting]) w();
    for (const l of this.listeners) l();
  }

  private schedule(ms: number, run: () => Promise<void>): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stateValue.kind === 'stopped' || this.stateValue.kind === 'failed') return;
    this.timer = setTimeout(() => void run(), ms);
    this.timer.unref?.();
  }

  private accept(local: Socket): void {
    this.sockets.add(local);
    local.on('close', () => this.sockets.delete(local));
    local.on('error', () => undefined);
    local.pause();
    void this.serve(local);
  }

  private async serve(local: Socket): Promise<void> {
    const mode = acceptsConnections(this.stateValue);
    if (mode === 'refuse') return void local.destroy();
    if (mode === 'wait' && !(await this.waitUntilActive())) return void local.destroy();
    if (local.destroyed) return;
    const pod = this.podName;
    const t = await this.deps.openTunnel({ namespace: this.spec.namespace, pod, port: this.spec.remotePort }, local);
    if (!t.ok) {
      this.deps.log(`port-forward ${this.spec.localPort} → ${pod}:${this.spec.remotePort}: ${t.error.message}`);
      local.destroy();
      if (pod === this.podName) void this.checkPod(true);
      return;
    }
    if (this.stateValue.kind === 'stopped') return void t.value.close();
    this.connections++;
    this.tunnels.add(t.value);
    const end = await t.value.done;
    this.tunnels.delete(t.value);
    if (end.error) {
      this.deps.log(`port-forward ${this.spec.localPort} → ${pod}:${this.spec.remotePort}: ${end.error}`);
      if (pod === this.podName) void this.checkPod(true);
    }
  }

  private waitUntilActive(): Promise<boolean> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(this.stateValue.kind === 'active');
      };
      const timer = setTimeout(done, this.timing.connectionWaitMs);
      this.waiting.add(done);
    });
  }

  /** Is the pod still there? Gone (404, terminating) → re-resolve; any other failure is the API's, retried later. */
  private async checkPod(soon = false): Promise<void> {
    if (this.stateValue.kind !== 'active') return;
    const pod = this.podName;
    const r = await this.deps.getPod(this.spec.namespace, pod);
    if (this.stateValue.kind !== 'active' || pod !== this.podName) return;
    const gone = r.ok ? !!r.value.metadata?.deletionTimestamp || r.value.status?.phase === 'Succeeded' || r.value.status?.phase === 'Failed' : r.error.kind === 'notFound';
    if (gone) {
      this.deps.log(`port-forward ${this.spec.localPort}: pod ${pod} is gone${this.spec.deployment ? `, re-resolving through deployment ${this.spec.deployment}` : ''}`);
      for (const t of this.tunnels) t.close();
      this.apply({ type: 'podGone', pod, ...(this.spec.deployment ? { deployment: this.spec.deployment } : {}) });
      if (this.kind() === 'reconnecting') void this.resolve();
      return;
    }
    if (!soon || r.ok) this.schedule(this.timing.podCheckMs, () => this.checkPod());
  }

  private async resolve(): Promise<void> {
    if (this.resolving || !this.spec.deployment) return;
    this.resolving = true;
    try {
      while (this.stateValue.kind === 'reconnecting') {
        const pods = await this.deps.podsOfDeployment(this.spec.namespace, this.spec.deployment);
        if (this.stateValue.kind !== 'reconnecting') return;
        const pick = typeof pods === 'string' ? { none: pods } : pickServingPod(pods);
        if ('pod' in pick) {
          this.podName = pick.pod;
          this.deps.log(`port-forward ${this.spec.localPort}: now to pod ${pick.pod} of deployment ${this.spec.deployment}`);
          this.apply({ type: 'resolved', pod: pick.pod });
          this.schedule(this.timing.podCheckMs, () => this.checkPod());
          return;
        }
        this.apply({ type: 'resolveFailed', error: pick.none });
        const now = this.stateValue as ForwardState;
        const attempts = now.kind === 'reconnecting' ? now.attempts : 0;
        const wait = this.timing.retryMs[Math.min(attempts - 1, this.timing.retryMs.length - 1)] ?? 1000;
        await new Promise<void>((r) => {
          const t = setTimeout(r, wait);
          t.unref?.();
        });
      }
    } finally {
      this.resolving = false;
    }
  }
}
