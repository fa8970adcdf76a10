// Real kubectl against a full simulated cluster (controllers, seeded platform): Jobs run to completion or fail as on a
// real cluster (create job --from=cronjob, wait --for=condition=complete|failed, get job), and describe node finds the
// node's Lease.
import assert from 'node:assert/strict';
import { createSimCluster } from '../../../sandbox/kube/simCluster';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

const CRASHING_JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: migrate-broken}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: ghcr.io/phoenix/migrate:2.0.0-crash}]
`;

describe('kubectl and Jobs, node Leases against the simulated platform', function () {
  this.timeout(90_000);
  let env: KubectlEnv;
  before(async () => {
    // timeScale 0.2: a Job's pod runs ~0.6 s and a failed pod's replacement waits 2 s instead of 10 s.
    env = await startKubectlEnv({ clusters: [await createSimCluster({ name: 'phoenix-dev', seed: { platform: true }, timeScale: 0.2 })] });
  });
  after(() => env.stop());

  const k = async (...args: string[]) => {
    const r = await env.kubectl(args, { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r;
  };

  it('create job --from=cronjob/database-maintenance runs to completion: wait succeeds, get job shows Complete 1/1', async () => {
    const created = await k('create', 'job', 'maintenance-manual', '--from=cronjob/database-maintenance');
    assert.match(created.stdout, /job\.batch\/maintenance-manual created/);
    const waited = await k('wait', '--for=condition=complete', 'job/maintenance-manual', '--timeout=60s');
    assert.match(waited.stdout, /job\.batch\/maintenance-manual condition met/);
    const table = (await k('get', 'job', 'maintenance-manual')).stdout;
    assert.match(table, /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/m);
    assert.match(table, /^maintenance-manual\s+Complete\s+1\/1\s+\d+s\s+\d+s$/m);
    // Its pod: made from the CronJob's template, labelled with the job's name, finished.
    const pods = (await k('get', 'pods', '-l', 'job-name=maintenance-manual', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.spec.containers[0].image}{"\\n"}{end}')).stdout.trim().split('\n');
    assert.equal(pods.length, 1, pods.join('\n'));
    assert.match(pods[0] ?? '', /^maintenance-manual-[a-z0-9]{5} Succeeded postgres:15\.8$/);
    // The owner chain kubectl shows: the Job belongs to the CronJob (not collected as a dangling dependent).
    const owner = (await k('get', 'job', 'maintenance-manual', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}')).stdout;
    assert.equal(owner, 'CronJob/database-maintenance');
    const describe = (await k('describe', 'job', 'maintenance-manual')).stdout;
    assert.match(describe, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed/);
    assert.match(describe, /SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: maintenance-manual-/);
    assert.match(describe, /Completed\s+\S+\s+job-controller\s+Job completed/);
  });

  it('create job --image runs a one-off pod to completion', async () => {
    await k('create', 'job', 'one-off', '--image=ghcr.io/phoenix/migrate:1.0.0');
    await k('wait', '--for=condition=complete', 'job/one-off', '--timeout=60s');
    assert.match((await k('get', 'job', 'one-off', '-o', 'jsonpath={.status.succeeded}/{.spec.completions}')).stdout, /^1\/1$/);
  });

  it('a Job whose image crashes ends Failed with BackoffLimitExceeded after backoffLimit retries', async () => {
    await env.kubectl(['apply', '-f', '-'], { stdin: CRASHING_JOB });
    const waited = await k('wait', '--for=condition=failed', 'job/migrate-broken', '--timeout=60s');
    assert.match(waited.stdout, /job\.batch\/migrate-broken condition met/);
    const reason = (await k('get', 'job', 'migrate-broken', '-o', 'jsonpath={.status.conditions[?(@.type=="Failed")].reason} {.status.failed}')).stdout;
    assert.equal(reason, 'BackoffLimitExceeded 2');
    assert.match((await k('get', 'job', 'migrate-broken')).stdout, /^migrate-broken\s+Failed\s+0\/1\s/m);
    const phases = (await k('get', 'pods', '-l', 'job-name=migrate-broken', '-o', 'jsonpath={.items[*].status.phase}')).stdout.split(' ');
    assert.deepEqual(phases, ['Failed', 'Failed']);
  });

  it('describe node exits 0 without an error and prints the node Lease', async () => {
    const r = await k('describe', 'node', 'phoenix-dev-worker-1');
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /error|failed to get/i);
    assert.match(r.stdout, /^Lease:\n\s+HolderIdentity:\s+phoenix-dev-worker-1\n\s+AcquireTime:\s+<unset>\n\s+RenewTime:\s+\w{3}, \d\d \w{3} \d{4}/m);
    const leases = (await k('get', 'leases', '-n', 'kube-node-lease')).stdout;
    assert.match(leases, /^NAME\s+HOLDER\s+AGE$/m);
    assert.match(leases, /^phoenix-dev-worker-1\s+phoenix-dev-worker-1\s+\d+d$/m);
  });
});
