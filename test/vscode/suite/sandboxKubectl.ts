// Real kubectl against the sandbox, for extension-host tests that check what a command changed in the cluster,
// and the audit log's lines as the cockpit wrote them. One HOME for kubectl's cache, away from the user's.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const home = mkdtempSync(join(tmpdir(), 'phoenix-kubectl-'));

/** kubectl on the sandbox's phoenix-dev context in `namespace`; resolves to its stdout as printed. */
export async function kubectlIn(namespace: string, ...args: string[]): Promise<string> {
  const kubeconfig = process.env.PHOENIX_SANDBOX_KUBECONFIG ?? process.env.KUBECONFIG ?? '';
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${kubeconfig}`, '--context=phoenix-dev', '-n', namespace, ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

/** One line of the cockpit's audit log (JSON lines). */
export interface AuditLine {
  time: string;
  action: string;
  object: string;
  outcome: string;
  detail?: string;
}

export function auditLines(file: string): AuditLine[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditLine);
}
