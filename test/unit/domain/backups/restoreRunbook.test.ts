// The generated restore runbook: guide 000's order, one named step each, the backup's values only as parameters,
// the context JSON-quoted in the attributes (a name that would break the fence is refused), and each step classified
// as the gate must see it (the database restore and scale-to-zero destructive).
import assert from 'node:assert/strict';
import { changedPaths, resourceChoices } from '../../../../src/domain/backups/restoreActions';
import { contextProblem, databaseTarget, RESTORE_STEPS, restoreParameters, restoreRunbook } from '../../../../src/domain/backups/restoreRunbook';
import type { JsonObject } from '../../../../src/domain/backups/resourceStrip';
import { cellOptions, parseFenceInfo } from '../../../../src/domain/runbook/cellAttributes';
import { executorKindOf } from '../../../../src/domain/runbook/cellLanguages';
import { findPlaceholders } from '../../../../src/domain/runbook/placeholders';
import { parseRunbook } from '../../../../src/domain/runbook/runbookDocument';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

const steps = (context: string) =>
  parseRunbook(restoreRunbook(context))
    .cells.filter((c) => c.kind === 'code')
    .map((c) => {
      const attrs = parseFenceInfo(c.info).attributes;
      const kind = executorKindOf(c.language)!;
      return { name: cellOptions(attrs).options.name, context: attrs.context, language: c.language, text: c.value, safety: classifyStep(kind, c.value).kind, kind };
    });

describe('the restore runbook', () => {
  it('has guide 000\'s steps in order, each bound to the backup\'s context', () => {
    const s = steps('phoenix-dev');
    assert.deepEqual(s.map((x) => x.name), [...RESTORE_STEPS]);
    assert.ok(s.every((x) => x.context === 'phoenix-dev'));
    // The step classifier fails safe: saving the replica counts writes files (mutating), and scaling back to counts
    // read from a file may scale to 0 (destructive: asks first, as scale-to-zero does).
    assert.deepEqual(s.map((x) => `${x.name}: ${x.safety}`), [
      'check-backup: readOnly',
      'save-replicas: mutating',
      'scale-to-zero: destructive',
      'restore-database: destructive',
      'compare-rows: readOnly',
      'choose-resources: readOnly',
      'apply-resources: mutating',
      'scale-back: destructive',
      'check-available: readOnly',
    ]);
  });

  it('is the same text for every backup of a context: values arrive as parameters only', () => {
    const text = restoreRunbook('phoenix-dev');
    for (const v of ['phoenix-system', '127.0.0.1', '/backups/', 'database.dump']) assert.ok(!text.includes(v), v);
    const params = new Set(Object.keys(restoreParameters({ id: 'i', dir: '/d', dumpFile: 'database.dump', context: 'c', namespace: 'n', database: { host: 'h', port: 1, name: 'db' }, restoreDir: '/r' })));
    const cockpitVars = new Set(['PGHOST', 'PGPORT', 'PGDATABASE', 'PATH', 'KUBECONFIG']);
    // No shell step needs a value the restore does not preset (nothing is asked mid-restore).
    for (const step of steps('phoenix-dev').filter((x) => x.kind === 'shell')) {
      const asked = findPlaceholders('shell', step.text, (n) => params.has(n) || cockpitVars.has(n)).map((p) => p.token);
      assert.deepEqual(asked, [], `${step.name ?? ''} would ask for ${asked.join(', ')}`);
    }
  });

  it('writes the context as JSON in the attributes, whatever its characters; refuses one that would end the fence', () => {
    const odd = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod "blue" {x}';
    assert.ok(steps(odd).every((x) => x.context === odd));
    assert.equal(contextProblem('phoenix-dev'), undefined);
    assert.match(contextProblem('bad`name') ?? '', /backtick or a line break/);
    assert.match(contextProblem('two\nlines') ?? '', /backtick or a line break/);
    assert.match(contextProblem('') ?? '', /no context/);
    assert.throws(() => restoreRunbook('a```b'), /cannot write a restore runbook/);
  });

  it('parameters name the dump, the database target and an empty bin dir by default', () => {
    const p = restoreParameters({ id: 'b1', dir: '/backups/b1', dumpFile: 'database.dump', context: 'phoenix-dev', namespace: 'phoenix-system', database: { host: '10.0.0.5', port: 5432, name: 'phoenix' }, restoreDir: '/restores/b1' });
    assert.deepEqual(p, {
      BACKUP_ID: 'b1',
      BACKUP_DIR: '/backups/b1',
      BACKUP_DUMP: '/backups/b1/database.dump',
      BACKUP_CONTEXT: 'phoenix-dev',
      BACKUP_NAMESPACE: 'phoenix-system',
      BACKUP_DATABASE: '10.0.0.5:5432/phoenix',
      RESTORE_DIR: '/restores/b1',
      PG_BIN_DIR: '',
    });
    assert.equal(databaseTarget('h', '5433', 'x'), 'h:5433/x');
  });
});

describe('choosing resources to put back', () => {
  const cm = (data: Record<string, string>): JsonObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'phoenix-config', namespace: 'ns' }, data });
  const deploy = (replicas: number, image: string): JsonObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas, template: { spec: { containers: [{ name: 'api', image }] } } } });

  it('names where two objects differ', () => {
    assert.deepEqual(changedPaths(cm({ A: '1', B: '2' }), cm({ A: '1', B: '3', C: '4' })), ['data.B', 'data.C']);
    assert.deepEqual(changedPaths(cm({ A: '1' }), cm({ A: '1' })), []);
    assert.deepEqual(changedPaths(deploy(1, 'a:1'), deploy(1, 'a:2')), ['spec.template.spec.containers']);
    assert.deepEqual(changedPaths({ a: 1 }, [1]), ['(the whole object)']);
    const many = changedPaths({ a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 }, {});
    assert.equal(many.length, 5);
  });

  it('changed, missing, same and sealed; replica counts of workloads not compared; ordered as a namespace comes up', () => {
    const backup = new Map<string, JsonObject>([
      ['Deployment/api', deploy(3, 'a:1')],
      ['ConfigMap/phoenix-config', cm({ A: '1' })],
      ['ServiceAccount/api', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api' } }],
    ]);
    const live = new Map<string, JsonObject>([
      ['Deployment/api', deploy(0, 'a:1')],
      ['ConfigMap/phoenix-config', cm({ A: '2' })],
    ]);
    const choices = resourceChoices(backup, live, ['db-credentials']);
    assert.deepEqual(choices.map((c) => [c.id, c.state, c.changed.join(',')]), [
      ['ServiceAccount/api', 'missing', ''],
      ['ConfigMap/phoenix-config', 'changed', 'data.A'],
      ['Secret/db-credentials', 'sealed', ''],
      ['Deployment/api', 'same', ''],
    ]);
    assert.match(choices[1].backupYaml ?? '', /A: "1"/);
    assert.match(choices[1].liveYaml ?? '', /A: "2"/);
    assert.equal(choices[2].backupYaml, undefined, 'a sealed Secret has nothing to show');
    // Another image is a change, whatever the replicas.
    const changed = resourceChoices(new Map([['Deployment/api', deploy(3, 'a:1')]]), new Map([['Deployment/api', deploy(0, 'a:2')]]), []);
    assert.deepEqual(changed[0].changed, ['spec.template.spec.containers']);
  });
});
