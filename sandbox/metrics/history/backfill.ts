// Puts the recorded history into a Prometheus data directory before Prometheus starts: `promtool tsdb
// create-blocks-from openmetrics` (shipped with Debian's prometheus package) writes TSDB blocks that Prometheus
// loads at start, so range queries over the past hours have data on first open.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { whichBinary } from '../../services/debianPackages';
import { runCommand } from '../../services/runCommand';
import type { HistoryRecorder } from './historyRecorder';

export interface BackfillResult {
  samples: number;
  series: number;
  ms: number;
}

/**
 * One promtool run per recorder. promtool reads its whole input once per block it writes, so a long sparse history
 * (days, coarse) and a short dense one (hours, fine) go in separate files, the long one in day-long blocks.
 */
export async function backfillPrometheus(histories: readonly HistoryRecorder[], dataDir: string, workDir: string): Promise<BackfillResult> {
  const t0 = Date.now();
  const promtool = whichBinary('promtool');
  if (!promtool) throw new Error("promtool is not installed (it comes with Debian's prometheus package): the sandbox cannot backfill its metric history");
  mkdirSync(dataDir, { recursive: true });
  let samples = 0;
  let series = 0;
  for (const [i, history] of histories.entries()) {
    if (!history.sampleCount) continue;
    const file = join(workDir, `history-${i}.om.txt`);
    const written = await history.write(file);
    samples += written.samples;
    series += written.series;
    const blockHours = history.spanMs > 6 * 3_600_000 ? 24 : 2;
    const r = await runCommand(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', `--max-block-duration=${blockHours}h`, file, dataDir], { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`promtool could not backfill the metric history (exit ${r.code}):\n${r.output.slice(-2000)}`);
    rmSync(file, { force: true });
  }
  return { samples, series, ms: Date.now() - t0 };
}
