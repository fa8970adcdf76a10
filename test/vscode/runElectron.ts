// npm run test:electron: the same extension-host suites in a desktop VS Code fetched by @vscode/test-electron (needs internet).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { repoPath, repoRoot } from '../../scripts/repoRoot';
import { sandboxEnv, sandboxSettings, startSandbox } from '../../scripts/sandboxLink';
import { prepareWorkspace } from '../../scripts/workspace';

// The VS Code that code-server 4.100.3 embeds, so both runners test against the same API.
const VSCODE_VERSION = '1.100.3';

async function main(): Promise<number> {
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: 20_000 });
  } catch (err) {
    console.error(
      `\ntest:electron needs to download VS Code ${VSCODE_VERSION} and could not: ${err instanceof Error ? err.message : String(err)}\n` +
        'This runner is for desktop machines with internet access. Offline (as on the project machines and CI), run the\n' +
        'same suites in code-server with: npm run test:vscode',
    );
    return 1;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'phoenix-electron-tests-'));
  const sandbox = await startSandbox({ log: (l) => console.log(l) });
  try {
    const workspace = prepareWorkspace(join(tmp, 'workspace'), sandboxSettings(sandbox.info));
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: repoPath('out', 'test', 'vscode', 'suite', 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(tmp, 'user-data')}`],
      extensionTestsEnv: {
        ...sandboxEnv(sandbox.info),
        PHOENIX_SANDBOX_KUBECONFIG: sandbox.info.kubeconfigPath,
      },
    });
    return 0;
  } catch (err) {
    console.error(`extension-host tests failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await sandbox.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
