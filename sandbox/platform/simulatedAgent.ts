// One simulated Phoenix agent: polls GET /api/v1/agent/tasks with X-Agent-Host-ID over real HTTP, works each task briefly and reports running → completed (or failed).
import { hashString } from '../kube/logs/prng';

export interface AgentTask {
  id: string;
  type: string;
  action: string;
  payload: Record<string, unknown>;
}

export interface SimulatedAgentOptions {
  apiUrl: string;
  hostId: string;
  version: string;
  pollMs: number;
  /** How long one task takes (deterministic per task id within this range). */
  workMs: [number, number];
  log?: (line: string) => void;
}

export class SimulatedAgent {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly polls = new Set<Promise<void>>();
  private abort = new AbortController();

  constructor(private readonly opts: SimulatedAgentOptions) {}

  get hostId(): string {
    return this.opts.hostId;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.schedule(0);
  }

  /**
   * Stops polling; tasks it holds stay as they are (assigned/running), as when a real agent dies.
   * A poll in flight is let finish rather than aborted: the server records "last seen" whether or not the
   * client still listens, so only once the poll's answer is back is that write done, and the caller's
   * "died long ago" rewind of last_seen_at can no longer be overwritten by it.
   */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.polls]);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      const poll = this.pollOnce();
      this.polls.add(poll);
      void poll.finally(() => this.polls.delete(poll));
      this.track(poll);
    }, ms);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async pollOnce(): Promise<void> {
    try {
      const res = await fetch(`${this.opts.apiUrl}/api/v1/agent/tasks`, {
        headers: { 'X-Agent-Host-ID': this.opts.hostId, 'X-Agent-Version': this.opts.version },
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(5000)]),
      });
      if (res.ok) {
        const body = (await res.json()) as { tasks?: AgentTask[] };
        for (const t of body.tasks ?? []) this.track(this.work(t));
      } else {
        await res.body?.cancel();
      }
    } catch {
      // API unreachable or the agent was stopped: try again next poll, like the real agent's loop.
    } finally {
      this.schedule(this.opts.pollMs);
    }
  }

  private async work(t: AgentTask): Promise<void> {
    const [lo, hi] = this.opts.workMs;
    if (!this.running) return; // the last poll before a stop answered with tasks: a dead agent starts none
    if (!(await this.report(t.id, 'running'))) return;
    await new Promise((r) => setTimeout(r, lo + (hashString(t.id) % Math.max(1, hi - lo))));
    if (!this.running) return; // died mid-task: the task stays "running", as it would
    const fail = t.payload.simulate_failure === true;
    await this.report(t.id, fail ? 'failed' : 'completed', fail ? `${t.action} failed: simulated failure` : undefined);
  }

  private async report(id: string, status: string, error?: string): Promise<boolean> {
    try {
      const res = await fetch(`${this.opts.apiUrl}/api/v1/agent/tasks/${encodeURIComponent(id)}/status`, {
        method: 'POST',
        headers: { 'X-Agent-Host-ID': this.opts.hostId, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status, ...(error ? { error } : {}) }),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(5000)]),
      });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }
}
