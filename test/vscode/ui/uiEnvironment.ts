// What the UI tests share within one run: the sandbox (started once by run.ts), a temp root that run.ts removes,
// and one Chromium (each suite opens its own tab; its code-server's own port keeps its storage apart).
import { type SandboxInfo } from '../../../scripts/sandboxLink';
import type { Browser } from '../chromium';

export interface UiEnvironment {
  readonly sandbox: SandboxInfo;
  /** What only the sandbox's owner can change: the simulated API server's answer time for lists (a slow, far cluster). */
  readonly control: { setListLatency(context: string, ms: number): void };
  /** Per-run temp dir for workspaces and extensions dirs. */
  readonly tmpRoot: string;
  /** Set by runUiTests for the duration of the run. */
  chromium?: Browser;
}

let current: UiEnvironment | undefined;

export function setUiEnvironment(env: UiEnvironment): void {
  current = env;
}

/** The run's environment (set by run.ts, which starts the one sandbox the UI suites share). */
export function uiEnvironment(): UiEnvironment {
  if (!current) throw new Error('UI tests run through `npm run test:vscode` (out/test/vscode/run.js --only ui), which starts the sandbox.');
  return current;
}
