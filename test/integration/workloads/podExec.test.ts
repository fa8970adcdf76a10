// Shell / Exec… below the UI: real kubectl exec against the simulator. A command sees the pod's environment (env,
// configMapKeyRef, secretKeyRef, fieldRef, envFrom) and its mounted ConfigMap/Secret files as the pod spec says; a
// non-zero exit code comes back as kubectl's own exit code; errors have a real API server's text; the cockpit's own
// argv (kubectl exec -i -t … with the shell fallback) opens a shell under a terminal; the scratch root goes with the pod.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execArgs } from '../../../src/domain/pods/podExec';
import { waitFor } from '../../shared/waitFor';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';

const NS = 'phoenix-system';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const podManifest = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'exec-probe', namespace: NS, labels: { app: 'exec-probe' } },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'ghcr.io/phoenix/tools:1.0.0',
        env: [
          { name: 'GREETING', value: 'hello' },
          { name: 'MESSAGE', value: '$(GREETING) from $(POD_NAME)' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          // $(VAR) expands only variables defined earlier (kubelet rules): MESSAGE keeps $(POD_NAME), LATER has it.
          { name: 'LATER', value: '$(GREETING) from $(POD_NAME)' },
          { name: 'APP_LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'phoenix-config', key: 'LOG_LEVEL' } } },
          { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } } },
        ],
        envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'phoenix-config' } }],
        volumeMounts: [
          { name: 'config', mountPath: '/etc/config', readOnly: true },
          { name: 'creds', mountPath: '/etc/creds', readOnly: true },
          { name: 'scratch', mountPath: '/var/scratch' },
        ],
      },
      { name: 'sidecar', image: 'ghcr.io/phoenix/tools:1.0.0' },
    ],
    volumes: [
      { name: 'config', configMap: { name: 'phoenix-config' } },
      { name: 'creds', secret: { secretName: 'db-credentials', items: [{ key: 'password', path: 'db/password' }] } },
      { name: 'scratch', emptyDir: {} },
    ],
  },
});

describe('pod exec against the simulator with real kubectl', function () {
  this.timeout(180_000);
  let env: WorkloadEnv;
  let home: string;
  before(async () => {
    env = await startWorkloadEnv();
    home = mkdtempSync(join(tmpdir(), 'exec-it-'));
  });
  after(async () => {
    await env?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** kubectl with its exit code (the workload harness's kubectl throws on non-zero). */
  const run = (args: string[], stdin?: string, wrapInTerminal = false): Promise<Run> =>
    new Promise((resolve) => {
      const full = [`--kubeconfig=${env.sandbox.info.kubeconfigPath}`, ...args];
      // `script` gives kubectl a terminal, as the integrated terminal does: -t then really allocates a tty.
      const child = wrapInTerminal
        ? spawn('script', ['--quiet', '--return', '--command', ['kubectl', ...full].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' '), '/dev/null'], { env: { ...process.env, HOME: home } })
        : spawn('kubectl', full, { env: { ...process.env, HOME: home } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr });
      });
      if (stdin !== undefined) child.stdin.write(stdin);
      if (!wrapInTerminal) child.stdin.end();
    });
  const k = (...args: string[]) => env.kubectl('--context=phoenix-dev', '-n', NS, ...args);
  const json = async <T>(...args: string[]) => JSON.parse(await k(...args, '-o', 'json')) as T;

  let probeUid = '';
  it('runs a command with the pod spec environment and its mounted ConfigMap and Secret files', async () => {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('kubectl', [`--kubeconfig=${env.sandbox.info.kubeconfigPath}`, '--context=phoenix-dev', 'apply', '-f', '-'], { env: { ...process.env, HOME: home } });
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kubectl apply exited ${code}`))));
      child.stdin.end(podManifest);
    });
    await waitFor('exec-probe running', async () => (await json<{ status?: { phase?: string } }>('get', 'pod', 'exec-probe')).status?.phase === 'Running', { timeoutMs: 60_000, intervalMs: 200 });
    const config = await json<{ data: Record<string, string> }>('get', 'configmap', 'phoenix-config');
    const secret = await json<{ data: Record<string, string> }>('get', 'secret', 'db-credentials');
    const pod = await json<{ metadata: { uid: string } }>('get', 'pod', 'exec-probe');
    probeUid = pod.metadata.uid;
    const plain = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');

    const r = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'main', '--', 'sh', '-c',
      'echo "$HOSTNAME|$POD_NAME|$POD_NAMESPACE|$APP_LABEL|$LOG_LEVEL|$DB_USER|$MESSAGE|$LATER|$CFG_LOG_LEVEL"; cat etc/config/LOG_LEVEL; echo; cat etc/creds/db/password; echo; ls etc/config | sort | tr "\\n" " "; echo; test -d var/scratch && echo scratch-dir']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], `exec-probe|exec-probe|${NS}|exec-probe|${config.data.LOG_LEVEL}|${plain(secret.data.username)}|hello from $(POD_NAME)|hello from exec-probe|${config.data.LOG_LEVEL}`);
    assert.equal(lines[1], config.data.LOG_LEVEL);
    assert.equal(lines[2], plain(secret.data.password));
    assert.equal(lines[3]?.trim(), Object.keys(config.data).sort().join(' '));
    assert.equal(lines[4], 'scratch-dir');
  });

  it('keeps what a command writes for the next exec of the same container, and not in another container', async () => {
    const write = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'main', '--', 'sh', '-c', 'echo kept > notes.txt']);
    assert.equal(write.code, 0, write.stderr);
    const again = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'main', '--', 'cat', 'notes.txt']);
    assert.equal(again.stdout, 'kept\n');
    const other = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'sidecar', '--', 'sh', '-c', 'test -e notes.txt && echo shared || echo separate']);
    assert.equal(other.stdout, 'separate\n');
  });

  it('feeds stdin to the command with -i', async () => {
    const r = await run(['--context=phoenix-dev', '-n', NS, 'exec', '-i', 'exec-probe', '-c', 'main', '--', 'sh', '-c', 'tr a-z A-Z; echo end'], 'quiet please\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'QUIET PLEASE\nend\n');
  });

  it("propagates a non-zero exit code as kubectl's own, with the command's stderr", async () => {
    const r = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'main', '--', 'sh', '-c', 'echo oops >&2; exit 7']);
    assert.equal(r.code, 7);
    assert.match(r.stderr, /^oops$/m);
    assert.match(r.stderr, /command terminated with exit code 7/);
  });

  it('answers an unknown container, an unknown pod and a program not in the image as a real cluster does', async () => {
    const unknown = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'nope', '--', 'true']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.trim(), 'Error from server (BadRequest): container nope is not valid for pod exec-probe');
    const pod = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'no-such-pod', '--', 'true']);
    assert.equal(pod.code, 1);
    assert.equal(pod.stderr.trim(), 'Error from server (NotFound): pods "no-such-pod" not found');
    const missing = await run(['--context=phoenix-dev', '-n', NS, 'exec', 'exec-probe', '-c', 'main', '--', 'no-such-program']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /exec: "no-such-program": executable file not found in \$PATH/);
  });

  it("opens a shell with the cockpit's own argv under a terminal: a tty, bash or sh, typed commands run", async () => {
    const pods = await json<{ items: { metadata: { name: string } }[] }>('get', 'pods', '-l', 'app=platform-api');
    const name = pods.items[0]?.metadata.name ?? '';
    const args = execArgs({ context: 'phoenix-dev', namespace: NS, pod: name, container: 'platform-api' });
    assert.ok(args.ok);
    const r = await run(args.value, 'test -t 0 && echo "tty:$HOSTNAME"; exit 3\n', true);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stdout, new RegExp(`^tty:${name}\\r?$`, 'm'));
  });

  it('removes the scratch root with the pod', async () => {
    const roots = join(env.sandbox.info.kubeconfigPath, '..', 'exec', 'phoenix-dev', NS, `exec-probe-${probeUid}`);
    assert.ok(existsSync(roots), roots);
    await k('delete', 'pod', 'exec-probe', '--wait=false');
    await waitFor('the scratch root removed', () => Promise.resolve(!existsSync(roots)), { timeoutMs: 60_000, intervalMs: 200 });
  });
});
