// The one place the VS Code tooling meets the sandbox: start it, and turn its info into env and settings.
import { type Sandbox, type SandboxInfo, sandboxSettings, startSandbox } from '../sandbox/sandbox';
import { SANDBOX_DB_KEY_ENV, SANDBOX_DB_PASSWORD_ENV } from '../src/vscode/platform/sandboxPassword';

export { type Sandbox, type SandboxInfo, sandboxSettings, startSandbox };

/** Environment of code-server (and so of the extension host and its terminals): kubectl sees the sandbox too. */
export function sandboxEnv(info: SandboxInfo): Record<string, string> {
  return { KUBECONFIG: info.kubeconfigPath };
}

/** npm start's environment: sandboxEnv plus the sandbox database's password, which the extension stores in SecretStorage on start-up. */
export function startEnv(info: SandboxInfo): Record<string, string> {
  const pg = info.postgres;
  return { ...sandboxEnv(info), ...(pg?.password ? { [SANDBOX_DB_KEY_ENV]: `${pg.user}@${pg.host}:${pg.port}/${pg.database}`, [SANDBOX_DB_PASSWORD_ENV]: pg.password } : {}) };
}
