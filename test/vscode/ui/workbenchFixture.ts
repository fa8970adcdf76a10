// Mocha hooks for a UI suite: a code-server with the built extension installed, on a fresh workspace, opened in Chromium.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { installBuiltExtension } from '../../../scripts/codeServer/installExtension';
import { type CodeServer, startCodeServer } from '../../../scripts/codeServer/launch';
import { sandboxEnv, sandboxSettings, type SandboxInfo } from '../../../scripts/sandboxLink';
import { prepareWorkspace } from '../../../scripts/workspace';
import { type Browser, launchChromium } from '../chromium';
import type { UiEnvironment } from './uiEnvironment';
import { uiEnvironment } from './uiEnvironment';
import { Workbench } from './workbench';

export interface WorkbenchOptions {
  /** Workspace settings, over the ones derived from the sandbox. */
  settings?: Record<string, unknown>;
  /** Settings of the workspace computed from the sandbox (e.g. to point at a stopped service). */
  settingsFromSandbox?: (sandbox: SandboxInfo) => Record<string, unknown>;
  /** Extra environment of code-server and the extension host (over KUBECONFIG from the sandbox). */
  env?: Record<string, string>;
  /** The environment computed from the sandbox (default sandboxEnv: KUBECONFIG), e.g. npm start's startEnv. */
  envFromSandbox?: (sandbox: SandboxInfo) => Record<string, string>;
  userSettings?: Record<string, unknown>;
  /** The remote machine's settings: where `machine-overridable` ones (paths, e.g. kubeconfigFiles) go (see launch.ts). */
  machineSettings?: Record<string, unknown>;
  /** False: VS Code asks whether to trust the workspace (for restricted-mode tests). */
  disableWorkspaceTrust?: boolean;
}

export interface WorkbenchHandle {
  /** Valid inside tests and hooks after the suite's before(). */
  readonly wb: Workbench;
  readonly codeServer: CodeServer;
  readonly browser: Browser;
  readonly sandbox: SandboxInfo;
  readonly workspace: string;
}

/**
 * Call inside describe(): before() starts code-server and opens it in a tab of the run's Chromium (~5 s), afterEach() screenshots a failed test as
 * `FAILED <title>.png`, after() stops both. Returns a handle whose fields are set once before() has run.
 */
export function useWorkbench(opts: WorkbenchOptions = {}): WorkbenchHandle {
  const state: { -readonly [K in keyof WorkbenchHandle]?: WorkbenchHandle[K] } = {};
  const handle: WorkbenchHandle = {
    get wb() {
      return required(state.wb, 'wb');
    },
    get codeServer() {
      return required(state.codeServer, 'codeServer');
    },
    get browser() {
      return required(state.browser, 'browser');
    },
    get sandbox() {
      return required(state.sandbox, 'sandbox');
    },
    get workspace() {
      return required(state.workspace, 'workspace');
    },
  };

  before(async function () {
    this.timeout(120_000);
    const env = uiEnvironment();
    state.sandbox = env.sandbox;
    const root = mkdtempSync(join(env.tmpRoot, 'ui-'));
    const settings = { ...(opts.settingsFromSandbox ?? sandboxSettings)(env.sandbox), ...opts.settings };
    state.workspace = prepareWorkspace(join(root, 'workspace'), settings);
    const extensionsDir = join(root, 'extensions');
    mkdirSync(extensionsDir);
    const t0 = Date.now();
    installBuiltExtension(extensionsDir);
    const t1 = Date.now();
    state.codeServer = await startCodeServer({
      folder: state.workspace,
      extensionsDir,
      env: { ...(opts.envFromSandbox ?? sandboxEnv)(env.sandbox), ...opts.env },
      ...(opts.userSettings ? { userSettings: opts.userSettings } : {}),
      ...(opts.machineSettings ? { machineSettings: opts.machineSettings } : {}),
      ...(opts.disableWorkspaceTrust === false ? { disableWorkspaceTrust: false } : {}),
    });
    const t2 = Date.now();
    state.browser = await openTab(env.chromium);
    const t3 = Date.now();
    state.wb = await Workbench.open(state.browser.page, state.codeServer.workbenchUrl(state.workspace));
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`      (workbench ready in ${s(Date.now() - t0)}: extension ${s(t1 - t0)}, code-server ${s(t2 - t1)}, Chromium ${s(t3 - t2)}, workbench ${s(Date.now() - t3)}; port ${state.codeServer.port})`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && state.wb) {
      const file = await state.wb.screenshot(`FAILED ${this.currentTest.fullTitle()}`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
      if (state.codeServer) console.log(cockpitLogTail(state.codeServer.userDataDir));
    }
  });

  after(async function () {
    this.timeout(30_000);
    await state.browser?.close();
    await state.codeServer?.stop();
  });

  return handle;
}

/** A new tab of the run's shared Chromium (closing it closes only the tab), or a Chromium of its own. */
async function openTab(shared: UiEnvironment['chromium']): Promise<Browser> {
  if (!shared) return launchChromium();
  const page = await shared.context.newPage();
  await page.bringToFront(); // a background tab would throttle the workbench's rendering
  return { context: shared.context, page, close: () => page.close().catch(() => undefined) };
}

/**
 * The last lines of the cockpit's own log (its output channel) and of the extension host's log, which code-server
 * writes under the user data dir: what the extension did and what VS Code said about it when a test failed.
 */
function cockpitLogTail(userDataDir: string, lines = 40): string {
  const logs = join(userDataDir, 'logs');
  const files = existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }) : [];
  const tail = (name: string, title: string, n: number) => {
    const found = files.filter((f) => basename(f) === name);
    if (found.length === 0) return `      (no ${name} under the user data dir)`;
    const text = found.map((f) => readFileSync(join(logs, f), 'utf8')).join('\n');
    return `      ${title}, last ${n} lines:\n${text.trimEnd().split('\n').slice(-n).map((l) => `        ${l}`).join('\n')}`;
  };
  return `${tail('Phoenix Ops.log', "the cockpit's log", lines)}\n${tail('remoteexthost.log', "the extension host's log", 15)}`;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`useWorkbench(): ${name} is only available after the suite's before() hook`);
  return value;
}
