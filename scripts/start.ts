// npm start: sandbox + code-server with the built extension on .sandbox/workspace; prints where to go; Ctrl+C stops it all.
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { installBuiltExtension } from './codeServer/installExtension';
import { ensureCodeServer } from './codeServer/install';
import { type CodeServer, startCodeServer } from './codeServer/launch';
import { repoPath, repoRoot } from './repoRoot';
import { type Sandbox, sandboxSettings, startEnv, startSandbox } from './sandboxLink';
import { prepareWorkspace } from './workspace';

const DEFAULT_PORT = 8080;
/** A fixed password for the throwaway sandbox database, so the one saved in SecretStorage keeps working from run to run. */
const SANDBOX_DB_PASSWORD = 'phoenix-sandbox';

/** The port asked for (PHOENIX_PORT, default 8080) when it is free, else one the OS picks. */
async function choosePort(): Promise<number> {
  const wanted = Number(process.env.PHOENIX_PORT ?? DEFAULT_PORT);
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) console.log(`port ${wanted} is taken; using a free one (set PHOENIX_PORT to choose)`);
  return free ? wanted : 0;
}

async function main(): Promise<void> {
  let sandbox: Sandbox | undefined;
  let codeServer: CodeServer | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = (reason: string, code: number): Promise<void> => {
    stopping ??= (async () => {
      console.log(`\n${reason}: stopping code-server and the sandbox…`);
      await codeServer?.stop().catch((err: unknown) => console.error(`code-server: ${String(err)}`));
      await sandbox?.stop().catch((err: unknown) => console.error(`sandbox: ${String(err)}`));
      console.log('stopped; nothing of npm start is running.');
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(signal, 0));

  // The first-start test's stop: dependencies installed and the extension built, nothing started.
  if (process.env.PHOENIX_START_BUILD_ONLY === '1') {
    console.log('npm start: dependencies installed and the extension built (PHOENIX_START_BUILD_ONLY=1: nothing started).');
    return;
  }
  try {
    const install = await ensureCodeServer();
    // A stable, gitignored state dir: the kubeconfig path stays the same from one npm start to the next.
    const state = repoPath('.sandbox', 'backends');
    rmSync(state, { recursive: true, force: true });
    sandbox = await startSandbox({ dir: state, postgresPassword: SANDBOX_DB_PASSWORD, log: (l) => console.log(l) });
    const workspace = prepareWorkspace(repoPath('.sandbox', 'workspace'), sandbox.settings());
    const extension = installBuiltExtension(repoPath('.sandbox', 'extensions'));
    codeServer = await startCodeServer({
      folder: workspace,
      install,
      port: await choosePort(),
      extensionsDir: repoPath('.sandbox', 'extensions'),
      userDataDir: repoPath('.sandbox', 'user-data'),
      env: startEnv(sandbox.info),
    });
    void codeServer.exited.then(() => stopAll('code-server exited on its own', 1));
    printBanner(codeServer, workspace, extension.version, sandbox);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stopAll('start failed', 1);
  }
}

function printBanner(cs: CodeServer, workspace: string, version: string, sandbox: Sandbox | undefined): void {
  const line = '─'.repeat(72);
  const info = sandbox?.info;
  const out = [
    line,
    ` Phoenix Ops Cockpit ${version} in code-server (VS Code 1.100)`,
    '',
    `   open  ${cs.workbenchUrl(workspace)}`,
    '',
    ' running:',
    `   code-server  ${cs.url}  (pid ${cs.pid}; extension from .sandbox/extensions, workspace .sandbox/workspace)`,
    ...(info
      ? [
          `   kubernetes   contexts ${info.contexts.join(', ')}  (KUBECONFIG=${info.kubeconfigPath})`,
          `   prometheus   ${info.prometheusUrl}`,
          `   alertmanager ${info.alertmanagerUrl}`,
          `   postgres     ${JSON.stringify(info.postgres)}`,
        ]
      : []),
    '',
    ' from a desktop VS Code (while this runs):',
    ...(info ? [`   export KUBECONFIG=${info.kubeconfigPath}`] : []),
    `   code --extensionDevelopmentPath=${repoRoot} ${workspace}`,
    '   (or install the extension: npm run package && code --install-extension dist/phoenix-ops-cockpit.vsix)',
    ...(info ? [`   workspace settings used here: ${JSON.stringify(sandboxSettings(info))}`] : []),
    '',
    ' Ctrl+C stops everything.',
    line,
  ];
  console.log(out.join('\n'));
}

void main();
