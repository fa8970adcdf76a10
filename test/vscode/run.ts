// The vscode tier (npm run test:vscode): extension-host suites, then UI tests, in code-server against one sandbox; nothing left running.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer } from '../../scripts/codeServer/install';
import { startCodeServer } from '../../scripts/codeServer/launch';
import { repoPath, repoRoot } from '../../scripts/repoRoot';
import { type Sandbox, sandboxEnv, sandboxSettings, startSandbox } from '../../scripts/sandboxLink';
import { prepareWorkspace } from '../../scripts/workspace';
import { runExtensionHostTests } from './extensionHost';
import { runUiTests } from './ui/runUiTests';

const usage = `usage: node out/test/vscode/run.js [--only extension-host|ui] [--grep PATTERN]
  PHOENIX_VSCODE_TIMEOUT_S  overall limit (default 2300)   PHOENIX_HEADED=1  show Chromium   PHOENIX_DEBUG=1  code-server output`;

interface Args {
  only: 'extension-host' | 'ui' | undefined;
  grep: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { only: undefined, grep: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only' && (argv[i + 1] === 'extension-host' || argv[i + 1] === 'ui')) args.only = argv[++i] as Args['only'];
    else if (a === '--grep' && argv[i + 1] !== undefined) args.grep = argv[++i];
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  return args;
}

const overallTimeoutS = Number(process.env.PHOENIX_VSCODE_TIMEOUT_S ?? 2300);
const cleanups: Array<() => Promise<void>> = [];

async function cleanUp(): Promise<void> {
  // Last registered first; each bounded so a stuck stop cannot keep the run alive.
  for (const fn of cleanups.splice(0).reverse()) {
    await Promise.race([fn().catch((err: unknown) => console.error(`cleanup: ${String(err)}`)), new Promise((r) => setTimeout(r, 15_000))]);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const secs = (): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const install = await ensureCodeServer();

  const tmpRoot = mkdtempSync(join(tmpdir(), 'phoenix-vscode-tests-'));
  cleanups.push(() => Promise.resolve(rmSync(tmpRoot, { recursive: true, force: true })));
  // Rollout plans run 20× faster (guide 001 in 2 minutes; traffic sped up to match): the canary suites watch whole phases.
  const sandbox: Sandbox = await startSandbox({ rolloutTimeScale: 0.05, log: (l) => console.log(l) });
  cleanups.push(() => sandbox.stop());
  console.log(`sandbox up (${secs()}): contexts ${sandbox.info.contexts.join(', ')}`);
  let failed = 0;

  if (args.only !== 'ui') {
    console.log(`\n── extension-host tests (code-server ${install.version}, real Node extension host) ──`);
    const folder = prepareWorkspace(join(tmpRoot, 'extension-host-workspace'), sandboxSettings(sandbox.info));
    const codeServer = await startCodeServer({
      folder,
      install,
      env: {
        ...sandboxEnv(sandbox.info),
        PHOENIX_SANDBOX_KUBECONFIG: sandbox.info.kubeconfigPath,
        // The runbook suites store it in SecretStorage through the cockpit's own command, as a user would.
        ...(sandbox.info.postgres ? { PHOENIX_SANDBOX_PG_PASSWORD: sandbox.info.postgres.password } : {}),
        ...(args.grep ? { PHOENIX_TEST_GREP: args.grep } : {}),
      },
    });
    cleanups.push(() => codeServer.stop());
    console.log(`code-server up on ${codeServer.url} (${secs()})`);
    const code = await runExtensionHostTests({
      codeServer,
      folder,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: repoPath('out', 'test', 'vscode', 'suite', 'index'),
      timeoutMs: Number(process.env.PHOENIX_EXTENSION_HOST_TIMEOUT_S ?? 900) * 1000,
    });
    await codeServer.stop();
    console.log(`extension-host tests: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} (${secs()})`);
    if (code !== 0) failed++;
  }

  if (args.only !== 'extension-host') {
    console.log('\n── UI tests (Chromium driving code-server, extension installed) ──');
    mkdirSync(repoPath('test-results', 'screenshots'), { recursive: true });
    const failures = await runUiTests({ sandbox: sandbox.info, control: { setListLatency: (context, ms) => sandbox.kube.get(context).server.setListLatency(ms) }, tmpRoot }, { ...(args.grep ? { grep: args.grep } : {}) });
    console.log(`UI tests: ${failures === 0 ? 'passed' : `${failures} FAILED`} (${secs()}); screenshots in test-results/screenshots/`);
    if (failures !== 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}

const overall = setTimeout(() => {
  console.error(`\nVSCODE TESTS TIMED OUT after ${overallTimeoutS} s (PHOENIX_VSCODE_TIMEOUT_S); stopping everything.`);
  void cleanUp().finally(() => process.exit(1));
}, overallTimeoutS * 1000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping everything`);
    void cleanUp().finally(() => process.exit(130));
  });
}

void main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    return 1;
  })
  .then(async (code) => {
    await cleanUp();
    clearTimeout(overall);
    // Exit now: a stray handle (a websocket, a timer in a test) must not keep the run alive.
    process.exit(code);
  });
