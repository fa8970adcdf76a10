// Runs the UI tests (ui/*.ui.test.js) with mocha in this Node process; each suite starts its own code-server and
// opens it in a tab of one shared Chromium (launched once: its HTTP and code caches make each workbench load faster).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { launchChromium } from '../chromium';
import { reportSuiteTimings } from '../suiteTimings';
import { setUiEnvironment, type UiEnvironment } from './uiEnvironment';

/** Resolves with the number of failed tests. */
export async function runUiTests(env: UiEnvironment, opts: { grep?: string; timeoutMs?: number } = {}): Promise<number> {
  const chromium = await launchChromium();
  try {
    return await runMocha({ ...env, chromium }, opts);
  } finally {
    await chromium.close();
  }
}

function runMocha(env: UiEnvironment, opts: { grep?: string; timeoutMs?: number }): Promise<number> {
  setUiEnvironment(env);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: opts.timeoutMs ?? 60_000,
    ...(opts.grep ? { grep: opts.grep } : {}),
  });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.ui.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve) => reportSuiteTimings(mocha.run(resolve)));
}
