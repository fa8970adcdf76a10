// Chart render in the real editor: the shipped dashboard page in a webview of code-server, driven by Chromium, is
// handed (as a `state` message, the way the extension sends it) a canary-like chart of 100,000 points per series —
// canary and primary error ratios, a per-phase threshold, the weight as a step line on a second axis, markers and
// an alert band — and reports how long the chart took from construction (or new data) to a painted canvas.
// Goal (issue 11): ≤ 50 ms. Alone: `node esbuild.config.mjs --production && node out/bench/chartRenderBench.js`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { installBuiltExtension } from '../scripts/codeServer/installExtension';
import { startCodeServer } from '../scripts/codeServer/launch';
import { sandboxEnv, sandboxSettings, startSandbox } from '../scripts/sandboxLink';
import { prepareWorkspace } from '../scripts/workspace';
import type { TimeChartSpec } from '../src/shared/chart/chartSpec';
import { canaryChart } from './canaryChart';
import type { DashboardState } from '../src/shared/dashboardProtocol';
import { waitFor } from '../test/shared/waitFor';
import { launchChromium } from '../test/vscode/chromium';
import { Workbench } from '../test/vscode/ui/workbench';
import { type Comparison, runAlone } from './harness';

const POINTS = Number(process.env.PHOENIX_BENCH_CHART_POINTS ?? 100_000);
const RUNS = Number(process.env.PHOENIX_BENCH_CHART_RUNS ?? 7);
const GOAL_MS = 50;

function state(chart: TimeChartSpec): DashboardState {
  return {
    title: 'Chart benchmark',
    subtitle: `${POINTS.toLocaleString('en')} points a series`,
    figures: [],
    notices: [],
    sections: [{ id: 'bench', title: 'Render', charts: [chart] }],
    range: { id: '1h', options: [{ id: '1h', label: 'Last hour' }] },
    updatedAt: Date.now(),
    liveEverySeconds: 0,
  };
}

/** Hands the page a state message as the extension does, then waits for the chart's painted render time. */
async function render(frame: Frame, chart: TimeChartSpec): Promise<number> {
  await frame.evaluate((s: unknown) => {
    const g = globalThis as unknown as { dispatchEvent(e: unknown): void; MessageEvent: new (type: string, init: unknown) => unknown };
    g.dispatchEvent(new g.MessageEvent('message', { data: { type: 'state', payload: s } }));
  }, state(chart));
  const root = frame.locator(`[data-chart-id="${chart.id}"]`);
  await waitFor(`${chart.id} drawn`, async () => ((await root.locator('.phc-summary').textContent()) === chart.summary && (await root.getAttribute('data-render-ms')) !== null ? true : undefined), 60_000);
  // The summary changes before the new data's paint finishes: wait for the paint of this run.
  return waitFor(`${chart.id} painted`, async () => {
    const ms = Number(await root.getAttribute('data-render-ms'));
    const painted = (await root.getAttribute('data-painted-for')) === chart.summary;
    return painted && Number.isFinite(ms) ? ms : undefined;
  }, 60_000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export async function chartRenderBench(): Promise<Comparison[]> {
  const root = mkdtempSync(join(tmpdir(), 'phoenix-chart-bench-'));
  // The platform API is all the Cost Overview page needs to open; no metric history.
  const sandbox = await startSandbox({ historyHours: 0 });
  const cleanups: Array<() => Promise<unknown>> = [() => sandbox.stop()];
  try {
    // The panel's own refresh would replace the benchmark's chart with the real overview: not while we measure.
    const folder = prepareWorkspace(join(root, 'workspace'), { ...sandboxSettings(sandbox.info), 'phoenixOps.charts.refreshIntervalSeconds': 3600 });
    const extensionsDir = join(root, 'extensions');
    mkdirSync(extensionsDir);
    installBuiltExtension(extensionsDir);
    const codeServer = await startCodeServer({ folder, extensionsDir, env: sandboxEnv(sandbox.info) });
    cleanups.push(() => codeServer.stop());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const wb = await Workbench.open(browser.page, codeServer.workbenchUrl(folder));
    await wb.openViewContainer('Phoenix Ops');
    await wb.runCommand('Phoenix Ops: Cost Overview');
    const frame = await waitFor('the Cost Overview page', async () => {
      for (const f of wb.page.frames()) if (((await f.locator('h1.dash-title').textContent({ timeout: 200 }).catch(() => '')) ?? '') === 'Cost overview') return f;
      return undefined;
    }, 120_000);
    const first: number[] = [];
    const update: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new chart id: a new plot, drawn from nothing.
      first.push(await render(frame, canaryChart(`bench-${i}`, POINTS, i)));
      if (process.env.PHOENIX_BENCH_VERBOSE) console.log(`chart bench run ${i}: first draw ${first.at(-1)?.toFixed(1)} ms`);
      // The same chart with new data (a live refresh): the plot is kept, the data replaced.
      update.push(await render(frame, canaryChart(`bench-${i}`, POINTS, i + 1000)));
    }
    const notes = [`first draw ${first.map((m) => m.toFixed(1)).join(', ')} ms; new data ${update.map((m) => m.toFixed(1)).join(', ')} ms (${RUNS} runs, median shown)`];
    return [
      { name: `chart ${POINTS / 1000}k pts × 3 series + limit, first draw`, ours: { label: 'uPlot in the webview', ms: median(first) }, theirs: { label: 'the 50 ms goal', ms: GOAL_MS }, notes },
      { name: `chart ${POINTS / 1000}k pts × 3 series + limit, new data`, ours: { label: 'uPlot setData', ms: median(update) }, theirs: { label: 'the 50 ms goal', ms: GOAL_MS } },
    ];
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(chartRenderBench);
