// `phoenix` steps: the action named on the first line, looked up in the adapter's table; unknown ones fail and
// list what exists. Their safety is a closed table: anything not known read-only or mutating is destructive.
import assert from 'node:assert/strict';
import { executorKindOf } from '../../../../src/domain/runbook/cellLanguages';
import type { CellOutput } from '../../../../src/domain/runbook/executors/executor';
import { cockpitCommand, CockpitExecutor, type CockpitActionContext } from '../../../../src/domain/runbook/executors/cockpitExecutor';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

const safety = (text: string) => {
  const s = classifyStep('cockpit', text);
  return s.reasons.length ? `${s.kind}: ${s.reasons.join(', ')}` : s.kind;
};

function output(): CellOutput & { err: string; std: string } {
  const o = { err: '', std: '', text: (stream: 'stdout' | 'stderr', t: string) => void (stream === 'stderr' ? (o.err += t) : (o.std += t)), data: () => undefined };
  return o;
}

describe('cockpit (phoenix) steps', () => {
  it('phoenix fences run on the cockpit executor', () => {
    assert.equal(executorKindOf('phoenix'), 'cockpit');
    assert.equal(executorKindOf('PHOENIX'), 'cockpit');
    assert.equal(executorKindOf('phoenix-ops'), undefined);
  });

  it('the known read-only actions, and the one that changes the cluster', () => {
    assert.equal(safety('backup check'), 'readOnly');
    assert.equal(safety('# the rows\nbackup compare-rows'), 'readOnly');
    assert.equal(safety('  backup   choose-resources  extra words'), 'readOnly');
    assert.equal(safety('backup apply-resources'), 'mutating: kubectl apply of backed-up resources');
    assert.equal(classifyStep('cockpit', 'backup check', { confirm: true }).kind, 'destructive');
  });

  it('anything else is destructive: unknown, misspelled, empty, look-alikes, prototype names', () => {
    const cases: Array<[string, string]> = [
      ['backup restore-everything', 'destructive: unknown cockpit action "backup restore-everything"'],
      ['backup', 'destructive: unknown cockpit action "backup"'],
      ['', 'destructive: unknown cockpit action ""'],
      ['# only a comment', 'destructive: unknown cockpit action ""'],
      ['Backup check', 'destructive: unknown cockpit action "Backup check"'],
      ['backup checks', 'destructive: unknown cockpit action "backup checks"'],
      ['backupcheck now', 'destructive: unknown cockpit action "backupcheck now"'],
      ['constructor x', 'destructive: unknown cockpit action "constructor x"'],
      ['toString', 'destructive: unknown cockpit action "toString"'],
      ['kubectl delete ns phoenix-system', 'destructive: unknown cockpit action "kubectl delete"'],
    ];
    for (const [text, want] of cases) assert.equal(safety(text), want, text);
  });

  it('reads the action and its arguments from the first meaningful line', () => {
    assert.deepEqual(cockpitCommand('backup compare-rows'), { name: 'backup compare-rows', args: [] });
    assert.deepEqual(cockpitCommand('\n# why\n  backup choose-resources ConfigMap Secret\nignored line'), { name: 'backup choose-resources', args: ['ConfigMap', 'Secret'] });
    assert.equal(cockpitCommand('backup'), undefined);
    assert.equal(cockpitCommand('# nothing\n\n'), undefined);
  });

  it('runs the named action with the step\'s variables, environment and database', async () => {
    const seen: CockpitActionContext[] = [];
    const exec = new CockpitExecutor({
      actions: () => ({ 'backup check': { run: (ctx) => (seen.push(ctx), Promise.resolve({ outcome: 'succeeded' })) } }),
      env: (params) => Promise.resolve({ PATH: '/bin', ...params }),
      pgSettings: (ms) => Promise.resolve({ host: 'db', port: 5432, database: 'phoenix', user: 'u', sslmode: 'disable', connectTimeoutMs: 1000, statementTimeoutMs: ms }),
    });
    const out = output();
    const signal = new AbortController().signal;
    const r = await exec.run({ text: 'backup check now', language: 'phoenix', options: { excludeFromRunAll: false, confirm: false, allowFailure: false, background: false }, params: { BACKUP_DIR: '/b' }, variables: { BACKUP_DIR: '/b', KUBECONFIG: '/k' }, timeoutMs: 7000, signal, out, readOnly: false });
    assert.deepEqual(r, { outcome: 'succeeded' });
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].args, ['now']);
    assert.deepEqual(seen[0].env, { PATH: '/bin', BACKUP_DIR: '/b' });
    assert.equal(seen[0].variables.KUBECONFIG, '/k');
    assert.equal((await seen[0].pgSettings()).statementTimeoutMs, 7000);
  });

  it('an unknown or missing action fails and lists the known ones', async () => {
    const exec = new CockpitExecutor({
      actions: () => ({ 'backup check': { run: () => Promise.resolve({ outcome: 'succeeded' }) }, 'backup compare-rows': { run: () => Promise.resolve({ outcome: 'succeeded' }) } }),
      env: () => Promise.resolve({}),
      pgSettings: () => Promise.reject(new Error('not used')),
    });
    const cell = (text: string, out: CellOutput) => ({ text, language: 'phoenix', options: { excludeFromRunAll: false, confirm: false, allowFailure: false, background: false }, params: {}, variables: {}, timeoutMs: 1, signal: new AbortController().signal, out, readOnly: false });
    const out = output();
    assert.deepEqual(await exec.run(cell('backup explode', out)), { outcome: 'failed', message: 'unknown cockpit action "backup explode" (known: backup check, backup compare-rows)' });
    assert.match(out.err, /unknown cockpit action "backup explode"/);
    assert.deepEqual(await exec.run(cell('hello', output())), { outcome: 'failed', message: 'a phoenix step names its action on its first line (known: backup check, backup compare-rows)' });
    assert.deepEqual(await exec.run(cell('toString x', output())), { outcome: 'failed', message: 'unknown cockpit action "toString x" (known: backup check, backup compare-rows)' });
  });
});
