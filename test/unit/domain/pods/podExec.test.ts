// Shell / Exec…: the kubectl argv (each name its own argument, values bound to their flags, names kubectl could read
// as flags or a shell could split refused), which containers are offered first, which kubectl runs, which pod first.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { resolveKubectl } from '../../../../src/domain/pods/kubectlProgram';
import { orderForPick } from '../../../../src/domain/pods/podChoice';
import { displayCommand, execArgs, execContainers, execRefusal, SHELL_FALLBACK } from '../../../../src/domain/pods/podExec';

const target = { context: 'phoenix-dev', namespace: 'phoenix-system', pod: 'platform-api-7d9f-abcde', container: 'platform-api' };

describe('pod exec', () => {
  describe('execArgs', () => {
    it('builds kubectl exec -i -t with the container, context and namespace bound to their flags, then the shell fallback', () => {
      const r = execArgs(target);
      assert.ok(r.ok);
      assert.deepEqual(r.value, ['exec', '-i', '-t', 'platform-api-7d9f-abcde', '--container=platform-api', '--context=phoenix-dev', '--namespace=phoenix-system', '--', ...SHELL_FALLBACK]);
    });

    it('runs bash when the image has it and sh otherwise, from one sh -c', () => {
      assert.equal(SHELL_FALLBACK[0], '/bin/sh');
      assert.equal(SHELL_FALLBACK[1], '-c');
      assert.match(SHELL_FALLBACK[2] ?? '', /\[ -x \/bin\/bash \]; then exec \/bin\/bash; else exec \/bin\/sh; fi/);
    });

    it('passes a given command after -- word for word', () => {
      const r = execArgs(target, ['sh', '-c', 'echo "$HOSTNAME"; rm -rf x']);
      assert.ok(r.ok);
      assert.deepEqual(r.value.slice(r.value.indexOf('--') + 1), ['sh', '-c', 'echo "$HOSTNAME"; rm -rf x']);
    });

    it('keeps a context name with spaces, quotes or a leading dash inside its own --context= argument', () => {
      for (const context of ['my context', "o'brien; rm -rf /", '--kubeconfig=/tmp/evil', 'arn:aws:eks:eu-west-1:123:cluster/prod', '$(reboot)']) {
        const r = execArgs({ ...target, context });
        assert.ok(r.ok, context);
        assert.ok(r.value.includes(`--context=${context}`), context);
        assert.equal(r.value.filter((a) => a.startsWith('--kubeconfig')).length, 0, context);
      }
    });

    const bad: [string, Partial<typeof target>][] = [
      ['pod starting with a dash (read as a flag)', { pod: '--kubeconfig=/tmp/evil' }],
      ['pod with a space', { pod: 'a b' }],
      ['pod with a shell metacharacter', { pod: 'a;rm -rf /' }],
      ['pod with $( )', { pod: '$(reboot)' }],
      ['pod in capitals', { pod: 'Platform-API' }],
      ['empty pod', { pod: '' }],
      ['pod ending with a dash', { pod: 'api-' }],
      ['pod too long', { pod: 'a'.repeat(254) }],
      ['namespace with a slash', { namespace: 'a/b' }],
      ['namespace with a dot', { namespace: 'a.b' }],
      ['empty namespace', { namespace: '' }],
      ['container with a space', { container: 'a b' }],
      ['container starting with a dash', { container: '-it' }],
      ['container too long', { container: 'c'.repeat(64) }],
      ['empty context', { context: '' }],
      ['context with a newline', { context: 'dev\nforged audit line' }],
      ['context with NUL', { context: 'dev\0' }],
    ];
    for (const [name, change] of bad) {
      it(`refuses a ${name}`, () => {
        const r = execArgs({ ...target, ...change });
        assert.ok(!r.ok, name);
        const [field, value] = Object.entries(change)[0] ?? [];
        const expected = field === 'context' ? 'the context name is empty or has control characters' : `"${value}" is not a valid ${field} name`;
        assert.equal(r.error, expected);
      });
    }

    it('refuses an empty command', () => {
      assert.deepEqual(execArgs(target, []), { ok: false, error: 'no command to run' });
      assert.deepEqual(execArgs(target, ['']), { ok: false, error: 'no command to run' });
    });

    it('accepts the longest valid names', () => {
      assert.ok(execArgs({ ...target, pod: `a${'.b'.repeat(126)}` }).ok);
      assert.ok(execArgs({ ...target, container: 'c'.repeat(63), namespace: 'n'.repeat(63) }).ok);
    });
  });

  it('displays the command as it would be typed, quoting what a shell would split', () => {
    assert.equal(displayCommand('kubectl', ['exec', '-i', 'p', '--', 'sh', '-c', "echo 'hi' $X"]), `kubectl exec -i p -- sh -c 'echo '\\''hi'\\'' $X'`);
  });

  describe('containers', () => {
    const pod = (annotations?: Record<string, string>): V1Pod => ({
      metadata: { name: 'p', annotations },
      spec: { containers: [{ name: 'sidecar' }, { name: 'crashing' }, { name: 'api' }, { name: 'late' }] },
      status: {
        containerStatuses: [
          { name: 'sidecar', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
          { name: 'crashing', image: '', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'api', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
        ],
      },
    });

    it('lists running containers first in spec order, then the others with their state', () => {
      const c = execContainers(pod());
      assert.deepEqual(c.map((x) => `${x.name}:${x.state}`), ['sidecar:running', 'api:running', 'crashing:waiting: CrashLoopBackOff', 'late:not started']);
    });

    it('keeps spec order among equals and says how a terminated container ended', () => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      const c = execContainers({
        metadata: { name: 'p' },
        spec: { containers: names.map((name) => ({ name })) },
        status: {
          containerStatuses: names.map((name, i) => ({ name, image: '', imageID: '', ready: i > 0, restartCount: 0, state: i === 0 ? { terminated: { exitCode: 0, reason: 'Completed' } } : i === 5 ? { terminated: { exitCode: 1 } } : { running: {} } })),
        },
      });
      assert.deepEqual(c.map((x) => `${x.name}:${x.state}`), ['b:running', 'c:running', 'd:running', 'e:running', 'a:terminated: Completed', 'f:terminated: Terminated']);
    });

    it("puts kubectl's default container first", () => {
      const c = execContainers(pod({ 'kubectl.kubernetes.io/default-container': 'api' }));
      assert.equal(c[0]?.name, 'api');
      assert.ok(c[0]?.isDefault);
      assert.ok(!c.slice(1).some((x) => x.isDefault));
    });

    it('refuses a completed pod, as kubectl does, and a pod without containers', () => {
      assert.equal(execRefusal({ metadata: { name: 'job-1' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Succeeded' } }), 'pod job-1 has completed (phase Succeeded): there is no running container to open a shell in');
      assert.match(execRefusal({ metadata: { name: 'job-1' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Failed' } }) ?? '', /phase Failed/);
      assert.equal(execRefusal({ metadata: { name: 'x' }, spec: { containers: [] }, status: { phase: 'Running' } }), 'pod x has no containers');
      assert.equal(execRefusal({ metadata: { name: 'x' }, status: { phase: 'Running' } }), 'pod x has no containers');
      assert.equal(execRefusal(pod()), undefined);
      assert.equal(execRefusal({ metadata: { name: 'x' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } }), undefined);
    });
  });

  describe('which kubectl', () => {
    const exe = new Set(['/usr/local/bin/kubectl', '/opt/k/kubectl-1.32', '/usr/bin/kubectl']);
    const isExe = (p: string) => exe.has(p);

    it('takes the first kubectl on PATH when the setting is empty', () => {
      assert.deepEqual(resolveKubectl('', '/nope:/usr/local/bin:/usr/bin', isExe), { ok: true, value: '/usr/local/bin/kubectl' });
    });

    it('takes an absolute path from the setting', () => {
      assert.deepEqual(resolveKubectl(' /opt/k/kubectl-1.32 ', '', isExe), { ok: true, value: '/opt/k/kubectl-1.32' });
    });

    it('looks a program name from the setting up on PATH', () => {
      assert.deepEqual(resolveKubectl('kubectl-1.32', '/opt/k', isExe), { ok: true, value: '/opt/k/kubectl-1.32' });
    });

    it('names the setting and the PATH it searched when there is no kubectl', () => {
      const r = resolveKubectl('', '/a:/b', () => false);
      assert.ok(!r.ok);
      assert.match(r.error, /kubectl was not found: phoenixOps\.kubectlPath is empty and no "kubectl" is on PATH \(\/a:\/b\)/);
    });

    it('says the configured path is not executable', () => {
      const r = resolveKubectl('/opt/k/missing', '/usr/bin', isExe);
      assert.ok(!r.ok);
      assert.equal(r.error, 'phoenixOps.kubectlPath is "/opt/k/missing", which is not an executable file. Install kubectl there or change the setting.');
    });

    it('says which program name it looked for on which PATH', () => {
      assert.deepEqual(resolveKubectl('kubectl-1.99', '/opt/k', isExe), { ok: false, error: 'kubectl was not found: phoenixOps.kubectlPath is "kubectl-1.99" and no "kubectl-1.99" is on PATH (/opt/k). Install kubectl or set phoenixOps.kubectlPath to its absolute path.' });
      assert.deepEqual(resolveKubectl('', '', isExe), { ok: false, error: 'kubectl was not found: phoenixOps.kubectlPath is empty and no "kubectl" is on PATH (PATH is empty). Install kubectl or set phoenixOps.kubectlPath to its absolute path.' });
    });

    it('refuses a relative path and ignores relative PATH entries (a repository could plant ./kubectl)', () => {
      assert.deepEqual(resolveKubectl('bin/kubectl', '/usr/bin', (p) => p.endsWith('bin/kubectl')), { ok: false, error: 'phoenixOps.kubectlPath is "bin/kubectl": give an absolute path, or a program name to find on PATH.' });
      assert.ok(!resolveKubectl('', '.:bin', (p) => p === 'kubectl' || p === 'bin/kubectl').ok);
      assert.ok(!resolveKubectl('', undefined, isExe).ok);
    });
  });

  it('offers troubled pods first, then the most restarted, then by name', () => {
    const pods = [
      { name: 'c', severity: 'ok' as const, restarts: 0 },
      { name: 'b', severity: 'ok' as const, restarts: 3 },
      { name: 'z', severity: 'error' as const, restarts: 1 },
      { name: 'a', severity: 'ok' as const, restarts: 0 },
      { name: 'y', severity: 'error' as const, restarts: 5 },
    ];
    assert.deepEqual(orderForPick(pods).map((p) => p.name), ['y', 'z', 'b', 'a', 'c']);
    // A troubled pod comes first whatever its restarts or name, from either side of the comparison.
    const ok = { name: 'a', severity: 'ok' as const, restarts: 9 };
    const bad = { name: 'b', severity: 'error' as const, restarts: 0 };
    assert.deepEqual(orderForPick([ok, bad]).map((p) => p.name), ['b', 'a']);
    assert.deepEqual(orderForPick([bad, ok]).map((p) => p.name), ['b', 'a']);
  });
});
