// Runs the mocha suites inside code-server's real Node extension host: the ?payload= route of @vscode/test-web, driven by Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeServer } from '../../scripts/codeServer/launch';
import { repoPath } from '../../scripts/repoRoot';
import { launchChromium } from './chromium';

export interface ExtensionHostRun {
  codeServer: CodeServer;
  /** The workspace folder the workbench opens. */
  folder: string;
  /** The extension under development (its package.json folder). */
  extensionDevelopmentPath: string;
  /** The compiled suite index (without .js, as VS Code requires it). */
  extensionTestsPath: string;
  /** The whole run fails loudly after this long. */
  timeoutMs: number;
}

/** Resolves with the exit code the extension host reported (0 when every test passed). */
export async function runExtensionHostTests(run: ExtensionHostRun): Promise<number> {
  const browser = await launchChromium();
  let timer: NodeJS.Timeout | undefined;
  try {
    const { page } = browser;
    let report: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (report = resolve));
    // The workbench calls these two globals: mocha's output (and the host's log) line by line, then the result.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => printLog(type, args));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => report(typeof code === 'number' ? code : 1));
    page.on('pageerror', (err) => console.error(`[workbench] ${err.message}`));
    page.on('crash', () => report(1));

    const url = run.codeServer.workbenchUrl(run.folder, [
      ['extensionDevelopmentPath', run.codeServer.remoteUri(run.extensionDevelopmentPath)],
      ['extensionTestsPath', run.codeServer.remoteUri(run.extensionTestsPath)],
    ]);
    await page.goto(url, { timeout: 120_000 }); // a hang guard: on a loaded machine code-server answers the first load late
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), run.timeoutMs)));
    const result = await Promise.race([exited, timedOut]);
    if (result === 'timeout') {
      const shots = repoPath('test-results', 'screenshots');
      mkdirSync(shots, { recursive: true });
      const file = join(shots, 'extension-host-timeout.png');
      await page.screenshot({ path: file }).catch(() => undefined);
      console.error(
        `\nEXTENSION-HOST TESTS TIMED OUT after ${run.timeoutMs / 1000} s: the extension host never reported an exit code.\n` +
          `screenshot: ${file}\nlast code-server output:\n${run.codeServer.recentLog()}`,
      );
      return 1;
    }
    return result;
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}

// The workbench's own start-up chatter: shown only with PHOENIX_DEBUG so mocha's report stays readable.
const workbenchChatter = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Updating additional builtin extensions cache|ChatSessionStore:|Ignoring fetching additional builtin extensions)/;

function printLog(type: string, args: unknown): void {
  const parts = Array.isArray(args) ? args : [args];
  const text = parts.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ').replace(/\n$/, '');
  const debug = Boolean(process.env.PHOENIX_DEBUG);
  if (!debug && (type === 'trace' || type === 'debug' || workbenchChatter.test(text))) return;
  if (type === 'error' || type === 'warn') console.error(`[workbench ${type}] ${text}`);
  else console.log(text);
}
