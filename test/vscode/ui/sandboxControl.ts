// What a person would do to the shared sandbox to make an alert fire: kubectl set image, and the platform simulator's /sandbox/* triggers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SandboxInfo } from '../../../scripts/sandboxLink';

const run = promisify(execFile);

export interface DeploymentRef {
  context: string;
  namespace: string;
  deployment: string;
  container: string;
}

async function kubectl(info: SandboxInfo, args: string[]): Promise<string> {
  const { stdout } = await run('kubectl', ['--kubeconfig', info.kubeconfigPath, ...args], { timeout: 20_000 });
  return stdout.trim();
}

/** `kubectl set image` to `image`. */
export async function setImage(info: SandboxInfo, d: DeploymentRef, image: string): Promise<void> {
  await kubectl(info, ['--context', d.context, '-n', d.namespace, 'set', 'image', `deployment/${d.deployment}`, `${d.container}=${image}`]);
}

/** `kubectl set image` to the image with `suffix` (e.g. "-bad"); returns how to put the original back. */
export async function setImageSuffix(info: SandboxInfo, d: DeploymentRef, suffix: string): Promise<() => Promise<void>> {
  const where = ['--context', d.context, '-n', d.namespace];
  const original = await kubectl(info, [...where, 'get', 'deployment', d.deployment, '-o', `jsonpath={.spec.template.spec.containers[?(@.name=="${d.container}")].image}`]);
  await kubectl(info, [...where, 'set', 'image', `deployment/${d.deployment}`, `${d.container}=${original}${suffix}`]);
  return async () => void (await kubectl(info, [...where, 'set', 'image', `deployment/${d.deployment}`, `${d.container}=${original}`]));
}

/** Waits for the deployment's rollout to finish (`kubectl rollout status`). */
export async function waitForRollout(info: SandboxInfo, d: Omit<DeploymentRef, 'container'>, timeoutS = 60): Promise<void> {
  const { stdout } = await run('kubectl', ['--kubeconfig', info.kubeconfigPath, '--context', d.context, '-n', d.namespace, 'rollout', 'status', `deployment/${d.deployment}`, `--timeout=${timeoutS}s`], { timeout: (timeoutS + 10) * 1000 });
  if (!/successfully rolled out/.test(stdout)) throw new Error(`rollout of ${d.deployment}: ${stdout}`);
}

/** POST to one of the platform simulator's /sandbox/* triggers (GET /sandbox lists them). */
export async function platformTrigger(info: SandboxInfo, path: string): Promise<unknown> {
  if (!info.platformApiUrl) throw new Error('the sandbox runs without the platform simulator');
  const res = await fetch(`${info.platformApiUrl}${path}`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** A JSON call to the platform API itself (as curl in the guide would). */
export async function platformApi(info: SandboxInfo, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  if (!info.platformApiUrl) throw new Error('the sandbox runs without the platform simulator');
  const res = await fetch(`${info.platformApiUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
