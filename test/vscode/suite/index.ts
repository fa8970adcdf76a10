// Entry of the extension-host tests: VS Code calls run() inside its extension host; mocha runs every suite/**/*.test.js there.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { reportSuiteTimings } from '../suiteTimings';

export function run(): Promise<void> {
  // The web workbench forwards each console call as one string without applying printf-style formatting: do it here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // Output reaches the driver through codeAutomationLog (web) or the terminal (electron): no colour codes.
    color: false,
    timeout: Number(process.env.PHOENIX_TEST_TIMEOUT_MS ?? 20_000),
    ...(process.env.PHOENIX_TEST_GREP ? { grep: process.env.PHOENIX_TEST_GREP } : {}),
  });
  const files = readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    reportSuiteTimings(mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve())));
  });
}
