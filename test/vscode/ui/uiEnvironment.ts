// What the UI tests share within one run: the sandbox (started once by run.ts) and a temp root that run.ts removes.
import { type SandboxInfo } from '../../../scripts/sandboxLink';

export interface UiEnvironment {
  readonly sandbox: SandboxInfo;
  /** Per-run temp dir for workspaces and extensions dirs. */
  readonly tmpRoot: string;
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
