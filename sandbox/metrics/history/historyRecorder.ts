// Hours of metric history for the sandbox's Prometheus: snapshots of metric families at past times, written as one
// OpenMetrics file (grouped by family, each series' samples in time order, as promtool's backfill wants it).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { MetricFamily, MetricType } from '../metricTypes';
import { escapeLabelValue, formatValue } from '../textFormat';

interface SeriesPoints {
  /** "name{labels}" */
  key: string;
  times: number[];
  values: number[];
}

interface FamilyBlock {
  type: MetricType;
  /** The OpenMetrics family name: a counter's name without its _total. */
  name: string;
  series: Map<string, SeriesPoints>;
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabelValue(labels[k] ?? '')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export class HistoryRecorder {
  private readonly families = new Map<string, FamilyBlock>();
  /** The collectors hand out the same label objects at every step: their text is made once. */
  private readonly labelCache = new WeakMap<Readonly<Record<string, string>>, string>();
  private samples = 0;

  /**
   * `extraLabels` are what Prometheus adds when it scrapes (job, instance), so the history joins the live series;
   * families named in `skip` are not recorded.
   */
  constructor(
    private readonly extraLabels: Readonly<Record<string, string>>,
    private readonly skip: ReadonlySet<string> = new Set(),
  ) {}

  private labels(labels: Readonly<Record<string, string>>): string {
    let text = this.labelCache.get(labels);
    if (text === undefined) {
      text = labelText({ ...labels, ...this.extraLabels });
      this.labelCache.set(labels, text);
    }
    return text;
  }

  record(tMs: number, families: readonly MetricFamily[]): void {
    for (const f of families) {
      if (this.skip.has(f.name)) continue;
      // OpenMetrics: a counter family is named without _total; its samples keep it.
      const counter = f.type === 'counter' && f.name.endsWith('_total');
      const type: MetricType = f.type === 'counter' && !counter ? 'untyped' : f.type;
      const name = counter ? f.name.slice(0, -'_total'.length) : f.name;
      let block = this.families.get(f.name);
      if (!block) this.families.set(f.name, (block = { type, name, series: new Map() }));
      for (const s of f.samples) {
        const key = `${f.name}${s.suffix ?? ''}${this.labels(s.labels)}`;
        let points = block.series.get(key);
        if (!points) block.series.set(key, (points = { key, times: [], values: [] }));
        points.times.push(tMs);
        points.values.push(s.value);
        this.samples++;
      }
    }
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** The span of the recorded samples in ms (0 when empty). */
  get spanMs(): number {
    let min = Infinity;
    let max = -Infinity;
    for (const b of this.families.values()) {
      for (const p of b.series.values()) {
        if (p.times.length) {
          min = Math.min(min, p.times[0] ?? min);
          max = Math.max(max, p.times[p.times.length - 1] ?? max);
        }
      }
    }
    return max >= min ? max - min : 0;
  }

  /** Writes the OpenMetrics text (ending in # EOF) to `file`. */
  async write(file: string): Promise<{ samples: number; series: number }> {
    const out = createWriteStream(file);
    let series = 0;
    let buffer = '';
    const flush = async (force = false) => {
      if (buffer.length < 1 << 20 && !force) return;
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    };
    for (const block of this.families.values()) {
      buffer += `# TYPE ${block.name} ${block.type === 'untyped' ? 'unknown' : block.type}\n`;
      for (const p of block.series.values()) {
        series++;
        for (let i = 0; i < p.times.length; i++) buffer += `${p.key} ${formatValue(p.values[i] ?? 0)} ${((p.times[i] ?? 0) / 1000).toFixed(3)}\n`;
        await flush();
      }
    }
    buffer += '# EOF\n';
    await flush(true);
    out.end();
    await once(out, 'finish');
    return { samples: this.samples, series };
  }
}
