// Run Now makes the Job `kubectl create job --from=cronjob/…` makes: the template's spec, labels and annotations, the
// manual mark and a controller ownerReference to the CronJob.
import assert from 'node:assert/strict';
import { jobFromCronJob, manualJobName } from '../../../../src/domain/resources/cronJobRun';
import type { AnyObject } from '../../../../src/domain/resources/resourceRows';

const cronJob = (): AnyObject =>
  ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'database-maintenance', namespace: 'phoenix-system', uid: 'cj-uid', labels: { app: 'postgres' } },
    spec: {
      schedule: '0 3 * * 0',
      jobTemplate: {
        metadata: { labels: { team: 'data' }, annotations: { owner: 'dba' } },
        spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'vacuum', image: 'postgres:15.8' }] } } },
      },
    },
  }) as AnyObject;

describe('cronjob run now', () => {
  it('copies the jobTemplate and marks the Job as a manual run owned by the CronJob', () => {
    const job = jobFromCronJob(cronJob(), 'database-maintenance-manual-abc12');
    assert.deepEqual(job, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'database-maintenance-manual-abc12',
        namespace: 'phoenix-system',
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', owner: 'dba' },
        labels: { team: 'data' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'database-maintenance', uid: 'cj-uid', controller: true }],
      },
      spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'vacuum', image: 'postgres:15.8' }] } } },
    });
  });

  it('does not share the template with the CronJob (changing the Job leaves the CronJob as read)', () => {
    const cj = cronJob();
    const job = jobFromCronJob(cj, 'x') as { spec: { backoffLimit: number } };
    job.spec.backoffLimit = 9;
    assert.equal((cj.spec as { jobTemplate: { spec: { backoffLimit: number } } }).jobTemplate.spec.backoffLimit, 1);
  });

  it('takes no labels when the template has none, and the CronJob\'s own labels never', () => {
    const cj = cronJob();
    delete (cj.spec as { jobTemplate: { metadata?: unknown } }).jobTemplate.metadata;
    const job = jobFromCronJob(cj, 'x');
    assert.equal(job.metadata?.labels, undefined);
    assert.deepEqual(job.metadata?.annotations, { 'cronjob.kubernetes.io/instantiate': 'manual' });
  });

  it('refuses a CronJob without uid (not read from the server) or without a jobTemplate', () => {
    const noUid = cronJob();
    delete noUid.metadata?.uid;
    assert.throws(() => jobFromCronJob(noUid, 'x'), /no name or uid/);
    assert.throws(() => jobFromCronJob({ metadata: { name: 'a', uid: 'u' } } as AnyObject, 'x'), /no jobTemplate/);
    assert.throws(() => jobFromCronJob({ metadata: { name: 'a', uid: 'u' }, spec: { jobTemplate: {} } } as AnyObject, 'x'), /no jobTemplate/);
  });

  it('names the run <cronjob>-manual-<suffix>, within 63 characters and never ending in a dash', () => {
    assert.equal(manualJobName('backup', 'x1y2z'), 'backup-manual-x1y2z');
    const long = manualJobName(`${'a'.repeat(49)}-${'b'.repeat(20)}`, 'x1y2z');
    assert.ok(long.length <= 63, long);
    assert.match(long, /^a+-manual-x1y2z$/);
  });
});
