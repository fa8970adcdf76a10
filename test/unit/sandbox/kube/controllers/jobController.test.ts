// The simulated Job controller and the kubelet's run-to-completion pods: completions, parallelism, backoffLimit,
// activeDeadlineSeconds, the labels, status, conditions and events kubectl and the cockpit read.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { asJob, generateJobSelector, type Job, jobCondition } from '../../../../../sandbox/kube/controllers/jobShape';
import { asPod, type Pod } from '../../../../../sandbox/kube/controllers/kinds';
import { applyDefaults } from '../../../../../sandbox/kube/server/defaults';
import type { ObjectStore } from '../../../../../sandbox/kube/store/objectStore';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { waitFor } from '../../../../shared/waitFor';
import { condition, deployment, eventsFor, type Harness, NS, podsOf, rolledOut, startCluster } from './simHarness';

interface JobOptions {
  image?: string;
  restartPolicy?: 'Never' | 'OnFailure';
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
}

/** Creates a Job as the API server would store it: defaults, then the generated selector and labels naming its uid. */
function createJob(store: ObjectStore, name: string, o: JobOptions = {}): Job {
  const spec: Record<string, unknown> = {
    template: { spec: { restartPolicy: o.restartPolicy ?? 'Never', containers: [{ name: 'work', image: o.image ?? 'ghcr.io/phoenix/migrate:1.0.0' }] } },
  };
  for (const k of ['completions', 'parallelism', 'backoffLimit', 'activeDeadlineSeconds'] as const) if (o[k] !== undefined) spec[k] = o[k];
  const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: NS }, spec };
  applyDefaults('jobs', job);
  const uid = randomUUID();
  generateJobSelector(job, uid);
  return asJob(store.create('jobs', job, { uid }));
}

function jobOf(store: ObjectStore, name: string): Job {
  const o = store.get('jobs', NS, name);
  assert.ok(o, `job ${name}`);
  return asJob(o);
}

function jobPods(store: ObjectStore, name: string): Pod[] {
  return store
    .list('pods', NS)
    .filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name)
    .map(asPod);
}

const trueCondition = (o: KubeObject, type: string) => condition(o, type)?.status === 'True';

describe('sim Job controller', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  it('runs a Job pod to completion: labelled and owned like a real Job pod, Succeeded, and the Job Complete at 1/1', async () => {
    h = startCluster(0.02);
    const created = createJob(h.store, 'migrate');
    const job = await waitFor('complete', () => {
      const j = jobOf(h.store, 'migrate');
      return trueCondition(j, 'Complete') && j;
    });
    const [pod, ...more] = jobPods(h.store, 'migrate');
    assert.ok(pod, 'the job made a pod');
    assert.equal(more.length, 0, 'one pod for one completion');
    assert.match(pod.metadata.name, /^migrate-[a-z0-9]{5}$/);
    assert.deepEqual(pod.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}/${r.uid}/${String(r.controller)}`), [`Job/migrate/${created.metadata.uid ?? ''}/true`]);
    assert.equal(pod.metadata.labels?.['batch.kubernetes.io/controller-uid'], created.metadata.uid);
    assert.equal(pod.metadata.labels?.['controller-uid'], created.metadata.uid);
    assert.equal(pod.metadata.labels?.['job-name'], 'migrate');
    assert.equal(pod.status?.phase, 'Succeeded');
    const s = pod.status?.containerStatuses?.[0];
    assert.equal(s?.state.terminated?.exitCode, 0);
    assert.equal(s?.state.terminated?.reason, 'Completed');
    assert.equal(s?.restartCount, 0);
    assert.equal(condition(pod, 'Ready')?.status, 'False', 'a finished pod is not ready');

    const st = job.status ?? {};
    assert.equal(st.succeeded, 1);
    assert.equal(st.active, undefined, 'nothing active once complete');
    assert.equal(st.failed, undefined);
    assert.ok(st.startTime && st.completionTime, 'start and completion times');
    assert.ok(Date.parse(st.completionTime ?? '') >= Date.parse(st.startTime ?? ''));
    assert.deepEqual(st.conditions?.map((c) => `${c.type}=${c.status}`), ['SuccessCriteriaMet=True', 'Complete=True']);
    assert.equal(condition(job, 'Complete')?.reason, 'CompletionsReached');
    await waitFor('events', () => eventsFor(h.store, 'migrate').length >= 2);
    assert.deepEqual(eventsFor(h.store, 'migrate').map((e) => `${e.reason}: ${e.message}`), [`SuccessfulCreate: Created pod: ${pod.metadata.name}`, 'Completed: Job completed']);
  });

  it('reports the pod as active (and ready) while it runs, before it completes', async () => {
    h = startCluster(0.2); // the container runs ~300 ms after ready: long enough to see it
    createJob(h.store, 'report');
    const running = await waitFor('ready and active', () => {
      const j = jobOf(h.store, 'report');
      return j.status?.active === 1 && j.status.ready === 1 && j;
    });
    assert.ok(running.status?.startTime);
    assert.ok(!trueCondition(running, 'Complete'));
    await waitFor('complete', () => trueCondition(jobOf(h.store, 'report'), 'Complete'));
  });

  it('honours completions and parallelism: never more than parallelism pods at once, done after completions successes', async () => {
    h = startCluster(0.02);
    let most = 0;
    h.store.subscribe((e) => {
      if (e.resource !== 'pods') return;
      const running = jobPods(h.store, 'batch').filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp).length;
      most = Math.max(most, running);
    });
    createJob(h.store, 'batch', { completions: 5, parallelism: 2 });
    const job = await waitFor('complete', () => {
      const j = jobOf(h.store, 'batch');
      return trueCondition(j, 'Complete') && j;
    });
    assert.equal(job.status?.succeeded, 5);
    assert.equal(most, 2, 'two pods ran side by side, never three');
    const pods = jobPods(h.store, 'batch');
    assert.equal(pods.length, 5);
    assert.ok(pods.every((p) => p.status?.phase === 'Succeeded'));
  });

  it('fails a Job whose pods crash (restartPolicy Never) once failures pass backoffLimit: BackoffLimitExceeded', async () => {
    h = startCluster(0.02);
    createJob(h.store, 'broken', { image: 'ghcr.io/phoenix/migrate:1.0.0-crash', backoffLimit: 1 });
    const job = await waitFor('failed', () => {
      const j = jobOf(h.store, 'broken');
      return trueCondition(j, 'Failed') && j;
    });
    assert.equal(condition(job, 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(condition(job, 'Failed')?.message, 'Job has reached the specified backoff limit');
    assert.ok(trueCondition(job, 'FailureTarget'));
    assert.ok(!condition(job, 'Complete'), 'never complete');
    assert.equal(job.status?.failed, 2, 'the first pod and one retry (backoffLimit 1)');
    assert.equal(job.status?.completionTime, undefined, 'a failed job has no completion time');
    const pods = jobPods(h.store, 'broken');
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.status?.phase, 'Failed');
      const s = p.status?.containerStatuses?.[0];
      assert.equal(s?.state.terminated?.exitCode, 1, 'the container exited with 1 …');
      assert.equal(s?.restartCount, 0, '… and was not restarted in place');
    }
    await waitFor('warning event', () => eventsFor(h.store, 'broken', 'BackoffLimitExceeded')[0]);
    assert.equal(eventsFor(h.store, 'broken', 'BackoffLimitExceeded')[0]?.type, 'Warning');
  });

  it('with restartPolicy OnFailure restarts the crashing container in place and fails the Job on its restarts', async () => {
    h = startCluster(0.01);
    createJob(h.store, 'retry', { image: 'ghcr.io/phoenix/migrate:1.0.0-crash', restartPolicy: 'OnFailure', backoffLimit: 2 });
    const job = await waitFor('failed', () => {
      const j = jobOf(h.store, 'retry');
      return trueCondition(j, 'Failed') && j;
    });
    assert.equal(condition(job, 'Failed')?.reason, 'BackoffLimitExceeded');
    // One pod only: its container restarted in place; the controller then deletes it.
    const events = eventsFor(h.store, 'retry').map((e) => e.reason);
    assert.equal(events.filter((r) => r === 'SuccessfulCreate').length, 1, events.join(' '));
    await waitFor('the active pod removed', () => jobPods(h.store, 'retry').length === 0);
  });

  it('fails a Job still running after activeDeadlineSeconds: DeadlineExceeded, its pods removed', async () => {
    h = startCluster(0.01);
    createJob(h.store, 'slow', { image: 'ghcr.io/phoenix/migrate:1.0.0-crash', restartPolicy: 'OnFailure', backoffLimit: 100, activeDeadlineSeconds: 1 });
    const job = await waitFor('failed', () => {
      const j = jobOf(h.store, 'slow');
      return trueCondition(j, 'Failed') && j;
    });
    assert.equal(condition(job, 'Failed')?.reason, 'DeadlineExceeded');
    assert.ok(Date.parse(jobCondition(job, 'Failed')?.lastTransitionTime ?? '') - Date.parse(job.status?.startTime ?? '') >= 1000, 'not before the deadline');
    await waitFor('pods removed', () => jobPods(h.store, 'slow').length === 0);
  });

  it('leaves Deployment pods (restartPolicy Always) serving: they never complete', async () => {
    h = startCluster(0.02);
    h.store.create('deployments', deployment('api', { replicas: 2 }));
    await waitFor('rolled out', () => rolledOut(h.store, 'api'));
    // The job's pod starts after the deployment's and runs to completion: the deployment's pods have had that long too.
    createJob(h.store, 'side');
    await waitFor('job complete', () => trueCondition(jobOf(h.store, 'side'), 'Complete'));
    const pods = podsOf(h.store, 'api');
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.status?.phase, 'Running');
      assert.ok(p.status?.containerStatuses?.[0]?.state.running, 'still running');
    }
  });

  it('picks up an unfinished Job at start-up and leaves a finished one alone', async () => {
    h = startCluster(0.02, ({ store }) => {
      createJob(store, 'pending');
      const done = createJob(store, 'done');
      store.update('jobs', { ...done, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
    });
    await waitFor('pending completes', () => trueCondition(jobOf(h.store, 'pending'), 'Complete'));
    assert.equal(jobPods(h.store, 'done').length, 0, 'a finished job makes no pods');
  });
});
