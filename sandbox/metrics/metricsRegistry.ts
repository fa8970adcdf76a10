// The exporter's registry: collectors (traffic, cluster state, later the platform simulator's) each yield metric families; one scrape renders them all.
import type { MetricFamily, Sample } from './metricTypes';
import { renderTextFormat } from './textFormat';

export type { MetricFamily, MetricType, Sample } from './metricTypes';

/**
 * Anything that can report metrics at scrape time. `collect` may be async (e.g. a query of the
 * sandbox's PostgreSQL for `phoenix_task_queue_depth`); it gets a deadline through `signal`.
 */
export interface MetricsCollector {
  /** Shown in the scrape output when the collector fails, so a broken one is easy to find. */
  readonly id: string;
  collect(signal: AbortSignal): MetricFamily[] | Promise<MetricFamily[]>;
}

export interface Registration {
  dispose(): void;
}

export class MetricsRegistry {
  private readonly collectors = new Set<MetricsCollector>();

  /** Adds a collector until the returned registration is disposed. */
  register(collector: MetricsCollector): Registration {
    this.collectors.add(collector);
    return { dispose: () => this.collectors.delete(collector) };
  }

  /**
   * Runs every collector (in parallel, each bounded by `timeoutMs`). A failing or slow collector
   * costs only its own families: the scrape still succeeds and names it in a comment.
   */
  async collect(timeoutMs = 2000): Promise<{ families: MetricFamily[]; errors: string[] }> {
    const errors: string[] = [];
    const results = await Promise.all(
      [...this.collectors].map(async (c) => {
        const ac = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            ac.abort();
            reject(new Error(`timed out after ${timeoutMs} ms`));
          }, timeoutMs);
        });
        try {
          return await Promise.race([Promise.resolve().then(() => c.collect(ac.signal)), timeout]);
        } catch (e) {
          errors.push(`collector ${c.id} failed: ${e instanceof Error ? e.message : String(e)}`);
          return [];
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { families: results.flat(), errors };
  }

  /** The Prometheus text exposition format (version 0.0.4) of everything registered. */
  async render(timeoutMs?: number): Promise<string> {
    const { families, errors } = await this.collect(timeoutMs);
    return renderTextFormat(families, errors);
  }
}

/**
 * A family whose values are pushed rather than computed at scrape time: the simplest way for a
 * simulator to export a number (`queue.set({ status: 'pending' }, 4)`).
 */
export class ValueFamily implements MetricsCollector {
  readonly id: string;
  private readonly values = new Map<string, Sample>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'gauge' | 'counter' = 'gauge',
  ) {
    this.id = name;
  }

  set(labels: Readonly<Record<string, string>>, value: number): void {
    this.values.set(labelKey(labels), { labels: { ...labels }, value });
  }

  /** Counters only go up: adds to the current value. */
  inc(labels: Readonly<Record<string, string>>, by = 1): void {
    const key = labelKey(labels);
    const current = this.values.get(key)?.value ?? 0;
    this.values.set(key, { labels: { ...labels }, value: current + by });
  }

  delete(labels: Readonly<Record<string, string>>): void {
    this.values.delete(labelKey(labels));
  }

  clear(): void {
    this.values.clear();
  }

  collect(): MetricFamily[] {
    return [{ name: this.name, help: this.help, type: this.type, samples: [...this.values.values()] }];
  }
}

/** A stable key for a label set (order-independent). */
export function labelKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}
