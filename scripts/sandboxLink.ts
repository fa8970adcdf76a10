// The one place the VS Code tooling meets the sandbox: start it, and turn its info into env and settings.
import { type Sandbox, type SandboxInfo, sandboxSettings, startSandbox } from '../sandbox/sandbox';

export { type Sandbox, type SandboxInfo, sandboxSettings, startSandbox };

/** Environment of code-server (and so of the extension host and its terminals): kubectl sees the sandbox too. */
export function sandboxEnv(info: SandboxInfo): Record<string, string> {
  return { KUBECONFIG: info.kubeconfigPath };
}
