// Every port forward of this window: started, listed (the Port Forwards view), stopped one by one or all at once when
// the extension deactivates. A forward that failed stays listed with its reason until the user removes it.
import { type ForwardDeps, type ForwardSpec, type ForwardTiming, PortForwarder } from './portForwarder';

export class PortForwards {
  private readonly items = new Map<string, PortForwarder>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly timing?: ForwardTiming) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(): PortForwarder[] {
    return [...this.items.values()];
  }

  get(id: string): PortForwarder | undefined {
    return this.items.get(id);
  }

  /** Local ports this window's forwards hold (a new forward is not proposed one of them). */
  localPorts(): Set<number> {
    return new Set(this.list().map((f) => f.spec.localPort));
  }

  /** Listens and lists the forward; rejects (nothing listed) when it cannot listen. */
  async start(spec: ForwardSpec, deps: ForwardDeps): Promise<PortForwarder> {
    const f = new PortForwarder(spec, deps, this.timing);
    await f.start();
    this.items.set(f.id, f);
    f.onDidChange(() => this.fire());
    this.fire();
    return f;
  }

  /** Stops and unlists it; false when there was no such forward. */
  stop(id: string): boolean {
    const f = this.items.get(id);
    if (!f) return false;
    f.stop();
    this.items.delete(id);
    this.fire();
    return true;
  }

  stopAll(): void {
    for (const f of this.items.values()) f.stop();
    this.items.clear();
    this.fire();
  }

  private fire(): void {
    for (const l of this.listeners) l();
  }
}
