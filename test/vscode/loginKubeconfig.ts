// A kubeconfig whose user logs in through an exec credential plugin (as gke-gcloud-auth-plugin does),
// reading its token from a file on every request: a test "logs in again" by rewriting that file, while
// the kubeconfig itself (watched by the cockpit) stays untouched — so only a retry can pick the new token up.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoginKubeconfig {
  /** The kubeconfig file, with one context named `context` on the sandbox's dev server. */
  file: string;
  /** Makes the next request carry `token` (the sandbox's real one, or a rejected one). */
  login(token: string): void;
}

/** Writes the kubeconfig, its login script and a rejected token into `dir`, pointing at the server of `sandboxKubeconfig`. */
export function loginKubeconfig(dir: string, sandboxKubeconfig: string, context: string): LoginKubeconfig {
  const server = /server: (\S+)/.exec(sandboxKubeconfig)?.[1] ?? '';
  const ca = /certificate-authority-data: (\S+)/.exec(sandboxKubeconfig)?.[1] ?? '';
  const tokenFile = join(dir, `${context}.token`);
  const script = join(dir, `${context}-login.sh`);
  writeFileSync(script, `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat '${tokenFile}')"\n`);
  chmodSync(script, 0o755);
  writeFileSync(tokenFile, 'expired');
  const file = join(dir, `${context}.kubeconfig`);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster: { server, 'certificate-authority-data': ca } }],
    users: [{ name: context, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: script, interactiveMode: 'Never' } } }],
    contexts: [{ name: context, context: { cluster: context, user: context } }],
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, login: (token) => writeFileSync(tokenFile, token) };
}

/** The bearer token the sandbox's kubeconfig users carry. */
export function sandboxToken(sandboxKubeconfig: string): string {
  const token = /token: (\S+)/.exec(sandboxKubeconfig)?.[1];
  if (!token) throw new Error('the sandbox kubeconfig has no token');
  return token;
}
