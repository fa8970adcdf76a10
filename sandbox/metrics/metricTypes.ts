// The shape of what the exporter serves: metric families of samples, as the Prometheus text format has them.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** Appended to the family name: '' for counters and gauges, '_bucket' | '_sum' | '_count' for histograms. */
  suffix?: string;
  /** Never mutated once handed out: the renderer caches each label object's text (so reuse them across scrapes). */
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
  /**
   * Sample lines already rendered by `renderSampleLines` (joined by newlines, none at the end), served after
   * `samples`: a collector over tens of thousands of series keeps the text of those that did not change.
   */
  rendered?: string;
}
