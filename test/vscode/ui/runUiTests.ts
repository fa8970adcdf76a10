// Runs the UI tests (ui/*.ui.test.js) with mocha in this Node process; each suite starts its own code-server and Chromium.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { setUiEnvironment, type UiEnvironment } from './uiEnvironment';

/** Resolves with the number of failed tests. */
export function runUiTests(env: UiEnvironment, opts: { grep?: string; timeoutMs?: number } = {}): Promise<number> {
  setUiEnvironment(env);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: opts.timeoutMs ?? 60_000,
    ...(opts.grep ? { grep: opts.grep } : {}),
  });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.ui.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve) => mocha.run(resolve));
}
