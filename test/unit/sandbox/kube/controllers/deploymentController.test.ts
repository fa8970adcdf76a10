// The simulated deployment controller: ReplicaSets and revisions, rolling and recreate rollouts, rollback, pause, deadline, history, scaling.
import { strict as assert } from 'node:assert';
import { isPodReady } from '../../../../../sandbox/kube/controllers/kinds';
import type { StoreEvent } from '../../../../../sandbox/kube/store/types';
import {
  condition,
  deployment,
  deploymentOf,
  edit,
  eventsFor,
  type Harness,
  NS,
  podsOf,
  replicaSetsOf,
  revision,
  rolledOut,
  setImage,
  startCluster,
  undoTo,
} from './simHarness';
import { waitFor } from '../../../../shared/waitFor';

describe('sim deployment controller', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  it('creates a ReplicaSet <name>-<hash> at revision 1 with change-cause, owner, hash label and replica annotations', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 3, changeCause: 'first release' }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    const [rs, ...rest] = replicaSetsOf(h.store, 'api');
    assert.ok(rs);
    assert.equal(rest.length, 0);
    const hash = rs.metadata.labels?.['pod-template-hash'] ?? '';
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    assert.equal(rs.metadata.name, `api-${hash}`);
    assert.equal(rs.spec.selector?.matchLabels?.['pod-template-hash'], hash);
    assert.equal(rs.spec.template?.metadata?.labels?.['pod-template-hash'], hash);
    const d = deploymentOf(h.store, 'api');
    assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.equal(rs.metadata.annotations?.['kubernetes.io/change-cause'], 'first release');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    for (const p of podsOf(h.store, 'api')) {
      assert.match(p.metadata.name, new RegExp(`^api-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.equal(p.metadata.labels?.['pod-template-hash'], hash);
    }
    const status = d.status as Record<string, unknown>;
    assert.deepEqual(
      { r: status.replicas, u: status.updatedReplicas, ready: status.readyReplicas, a: status.availableReplicas, un: status.unavailableReplicas, og: status.observedGeneration },
      { r: 3, u: 3, ready: 3, a: 3, un: undefined, og: d.metadata.generation },
    );
    assert.equal(condition(d, 'Available')?.reason, 'MinimumReplicasAvailable');
    assert.equal(condition(d, 'Progressing')?.message, `ReplicaSet "${rs.metadata.name}" has successfully progressed.`);
    assert.deepEqual(eventsFor(h.store, 'api', 'ScalingReplicaSet').map((e) => e.message), [`Scaled up replica set ${rs.metadata.name} to 3 from 0`]);
    assert.equal(eventsFor(h.store, rs.metadata.name, 'SuccessfulCreate').length, 3);
  });

  it('a template change makes a new ReplicaSet with the next revision and the new change-cause; the old one drains', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { changeCause: 'v1' }));
    await waitFor('first rollout', () => rolledOut(h.store, 'api'));
    setImage(h.store, 'api', 'ghcr.io/phoenix/api:2.0.0', 'kubectl set image deployment/api api=ghcr.io/phoenix/api:2.0.0');
    await waitFor('second rollout', () => rolledOut(h.store, 'api'));
    const [old, current] = replicaSetsOf(h.store, 'api');
    assert.ok(old && current);
    assert.equal(revision(old), 1);
    assert.equal(revision(current), 2);
    assert.equal(current.metadata.annotations?.['kubernetes.io/change-cause'], 'kubectl set image deployment/api api=ghcr.io/phoenix/api:2.0.0');
    assert.equal(old.metadata.annotations?.['kubernetes.io/change-cause'], 'v1');
    assert.equal(old.spec.replicas, 0);
    assert.equal(current.spec.replicas, 3);
    assert.equal(deploymentOf(h.store, 'api').metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.ok(podsOf(h.store, 'api').every((p) => p.spec.containers?.[0]?.image === 'ghcr.io/phoenix/api:2.0.0'));
    const messages = eventsFor(h.store, 'api', 'ScalingReplicaSet').map((e) => e.message);
    assert.ok(messages.includes(`Scaled up replica set ${current.metadata.name} to 1 from 0`), messages.join('\n'));
    assert.ok(messages.includes(`Scaled down replica set ${old.metadata.name} to 0 from 1`), messages.join('\n'));
  });

  for (const [replicas, surge, unavailable, maxTotal, minAvailable] of [
    [4, 1, 1, 5, 3],
    [10, '25%', '25%', 13, 8],
    [3, 0, 1, 3, 2],
    [5, '50%', 0, 8, 5],
  ] as const) {
    it(`a rolling update of ${replicas} replicas stays within maxSurge=${surge} / maxUnavailable=${unavailable} at every store event`, async () => {
      h = startCluster();
      h.store.create('deployments', deployment('web', { replicas, maxSurge: surge, maxUnavailable: unavailable }));
      await waitFor('first rollout', () => rolledOut(h.store, 'web'));
      const violations: string[] = [];
      let maxSeen = 0;
      let minAvailableSeen = Number.POSITIVE_INFINITY;
      const check = (e: StoreEvent): void => {
        if (e.resource !== 'pods') return;
        const alive = podsOf(h.store, 'web').filter((p) => !p.metadata.deletionTimestamp);
        const available = alive.filter(isPodReady).length;
        maxSeen = Math.max(maxSeen, alive.length);
        minAvailableSeen = Math.min(minAvailableSeen, available);
        if (alive.length > maxTotal) violations.push(`rv ${e.rv}: ${alive.length} pods > ${maxTotal}`);
        if (available < minAvailable) violations.push(`rv ${e.rv}: ${available} available < ${minAvailable}`);
      };
      const unsubscribe = h.store.subscribe(check);
      setImage(h.store, 'web', 'ghcr.io/phoenix/web:2.0.0');
      await waitFor('second rollout', () => rolledOut(h.store, 'web'));
      unsubscribe();
      assert.deepEqual(violations, []);
      // It did use the room it had.
      assert.equal(maxSeen, maxTotal);
      assert.equal(minAvailableSeen, minAvailable);
    });
  }

  it('a rollback (kubectl undo: JSON patch of template and annotations) reuses the old ReplicaSet and renumbers it', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { changeCause: 'release 1' }));
    await waitFor('rollout 1', () => rolledOut(h.store, 'api'));
    setImage(h.store, 'api', 'ghcr.io/phoenix/api:2.0.0', 'release 2');
    await waitFor('rollout 2', () => rolledOut(h.store, 'api') && revision(deploymentOf(h.store, 'api')) === 2);
    const [first] = replicaSetsOf(h.store, 'api');
    assert.ok(first);
    undoTo(h.store, 'api', first);
    await waitFor('rollback', () => rolledOut(h.store, 'api') && replicaSetsOf(h.store, 'api').find((rs) => rs.metadata.name === first.metadata.name)?.spec.replicas === 3);
    const sets = replicaSetsOf(h.store, 'api');
    assert.equal(sets.length, 2, 'no new ReplicaSet for a template that already has one');
    const reused = sets.find((rs) => rs.metadata.name === first.metadata.name);
    assert.ok(reused);
    assert.equal(revision(reused), 3);
    assert.equal(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(reused.metadata.annotations?.['kubernetes.io/change-cause'], 'release 1');
    assert.equal(revision(deploymentOf(h.store, 'api')), 3);
    assert.ok(podsOf(h.store, 'api').every((p) => p.spec.containers?.[0]?.image === 'ghcr.io/phoenix/api:1.0.0'));
    // And back again: revision 2's set becomes 4 with history "2".
    const second = sets.find((rs) => revision(rs) === 2);
    assert.ok(second);
    undoTo(h.store, 'api', second);
    await waitFor('roll forward', () => rolledOut(h.store, 'api') && revision(deploymentOf(h.store, 'api')) === 4);
    const again = replicaSetsOf(h.store, 'api').find((rs) => rs.metadata.name === second.metadata.name);
    assert.equal(again?.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '2');
  });

  it('a paused deployment does not roll out a template change until resumed', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api'));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    edit(h.store, 'api', (d) => ((d.spec as Record<string, unknown>).paused = true));
    await waitFor('paused condition', () => condition(deploymentOf(h.store, 'api'), 'Progressing')?.reason === 'DeploymentPaused');
    assert.equal(condition(deploymentOf(h.store, 'api'), 'Progressing')?.status, 'Unknown');
    setImage(h.store, 'api', 'ghcr.io/phoenix/api:2.0.0');
    const d = await waitFor('the change observed', () => {
      const now = deploymentOf(h.store, 'api');
      return (now.status as Record<string, unknown>).observedGeneration === now.metadata.generation && h.manager.idle && now;
    });
    assert.equal(replicaSetsOf(h.store, 'api').length, 1, 'no new ReplicaSet while paused');
    assert.equal((d.status as Record<string, unknown>).updatedReplicas, undefined, 'but no replica is updated');
    edit(h.store, 'api', (x) => ((x.spec as Record<string, unknown>).paused = false));
    await waitFor('resumed rollout', () => rolledOut(h.store, 'api') && replicaSetsOf(h.store, 'api').length === 2);
    assert.ok(eventsFor(h.store, 'api', 'ScalingReplicaSet').length >= 2);
  });

  it('a rollout that makes no progress ends with ProgressDeadlineExceeded after progressDeadlineSeconds', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 2, progressDeadlineSeconds: 1 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    const started = Date.now();
    setImage(h.store, 'api', 'ghcr.io/phoenix/api:2.0.0-crash');
    const cond = await waitFor('deadline', () => {
      const c = condition(deploymentOf(h.store, 'api'), 'Progressing');
      return c?.reason === 'ProgressDeadlineExceeded' ? c : undefined;
    }, 6000);
    const newRS = replicaSetsOf(h.store, 'api').at(-1);
    assert.equal(cond.status, 'False');
    assert.equal(cond.message, `ReplicaSet "${newRS?.metadata.name ?? ''}" has timed out progressing.`);
    assert.ok(Date.now() - started >= 900, 'not before the deadline');
    // The old pods keep serving: minimum availability holds.
    assert.equal(condition(deploymentOf(h.store, 'api'), 'Available')?.status, 'True');
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets, dropping the oldest', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 1, revisionHistoryLimit: 2 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    for (const v of ['2.0.0', '3.0.0', '4.0.0', '5.0.0']) {
      setImage(h.store, 'api', `ghcr.io/phoenix/api:${v}`);
      await waitFor(`rollout ${v}`, () => rolledOut(h.store, 'api') && podsOf(h.store, 'api').every((p) => p.spec.containers?.[0]?.image?.endsWith(v)));
    }
    await waitFor('cleanup', () => replicaSetsOf(h.store, 'api').length === 3);
    assert.deepEqual(replicaSetsOf(h.store, 'api').map(revision), [3, 4, 5]);
  });

  it('scales the active ReplicaSet up and down, updating its replica annotations', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 2 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    edit(h.store, 'api', (d) => ((d.spec as Record<string, unknown>).replicas = 5));
    await waitFor('scaled up', () => rolledOut(h.store, 'api') && podsOf(h.store, 'api').filter(isPodReady).length === 5);
    const [rs] = replicaSetsOf(h.store, 'api');
    assert.equal(rs?.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '5');
    assert.equal(rs?.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '7');
    edit(h.store, 'api', (d) => ((d.spec as Record<string, unknown>).replicas = 1));
    await waitFor('scaled down', () => rolledOut(h.store, 'api') && podsOf(h.store, 'api').length === 1);
    const messages = eventsFor(h.store, 'api', 'ScalingReplicaSet').map((e) => e.message);
    assert.ok(messages.some((m) => / to 5 from 2$/.test(m)) && messages.some((m) => / to 1 from 5$/.test(m)), messages.join('\n'));
  });

  it('scaling in the middle of a rollout shares the change between old and new sets and still converges', async () => {
    h = startCluster(0.2);
    h.store.create('deployments', deployment('api', { replicas: 4 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'), 10000);
    setImage(h.store, 'api', 'ghcr.io/phoenix/api:2.0.0');
    await waitFor('two active sets', () => replicaSetsOf(h.store, 'api').filter((rs) => (rs.spec.replicas ?? 0) > 0).length === 2);
    edit(h.store, 'api', (d) => ((d.spec as Record<string, unknown>).replicas = 8));
    await waitFor('both sets resized', () => replicaSetsOf(h.store, 'api').every((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'] === '8' || rs.spec.replicas === 0));
    await waitFor('converged', () => rolledOut(h.store, 'api'), 15000);
    assert.equal(podsOf(h.store, 'api').length, 8);
  });

  it('counts a pod as available only minReadySeconds after it became ready', async () => {
    h = startCluster();
    // The moment the deployment first counts the pod available, against when its pod turned Ready.
    let availableAt: number | undefined;
    let readySince: number | undefined;
    h.store.subscribe((e) => {
      if (e.resource !== 'deployments' || availableAt !== undefined || (e.object as { status?: { availableReplicas?: number } }).status?.availableReplicas !== 1) return;
      availableAt = Date.now();
      const ready = podsOf(h.store, 'api')[0]?.status?.conditions?.find((c) => c.type === 'Ready');
      readySince = ready?.status === 'True' ? Date.parse(ready.lastTransitionTime ?? '') : undefined;
    });
    h.store.create('deployments', deployment('api', { replicas: 1, minReadySeconds: 1 }));
    await waitFor('ready', () => deploymentOf(h.store, 'api').status?.readyReplicas === 1);
    assert.equal(deploymentOf(h.store, 'api').status?.availableReplicas, undefined);
    await waitFor('available', () => rolledOut(h.store, 'api'));
    assert.ok(availableAt !== undefined && readySince !== undefined, 'saw the pod Ready when it became available');
    // The rule of the real controller (on the condition's second-precision timestamp): Ready for minReadySeconds first.
    assert.ok(availableAt >= readySince + 1000, `available ${availableAt - readySince} ms after the Ready transition`);
  });

  it('Recreate: all old pods are gone before any new pod is created', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('db', { replicas: 2, strategy: 'Recreate' }));
    await waitFor('rollout', () => rolledOut(h.store, 'db'));
    const overlap: string[] = [];
    const unsubscribe = h.store.subscribe((e) => {
      if (e.resource !== 'pods' || e.type !== 'ADDED') return;
      const images = new Set(podsOf(h.store, 'db').map((p) => p.spec.containers?.[0]?.image));
      if (images.size > 1) overlap.push(`rv ${e.rv}: ${[...images].join(', ')}`);
    });
    setImage(h.store, 'db', 'ghcr.io/phoenix/db:2.0.0');
    await waitFor('recreated', () => rolledOut(h.store, 'db') && replicaSetsOf(h.store, 'db').length === 2);
    unsubscribe();
    assert.deepEqual(overlap, []);
  });

  it('never lists the store while rolling out: work per event is per object, not per cluster', async () => {
    h = startCluster();
    let lists = 0;
    const original = h.store.list.bind(h.store);
    h.store.list = (...args: Parameters<typeof original>) => {
      lists++;
      return original(...args);
    };
    h.store.create('deployments', deployment('api'));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    // podsOf()/rolledOut() list on purpose; the controllers must not have.
    const before = lists;
    setImage(h.store, 'api', 'ghcr.io/phoenix/api:2.0.0');
    // The whole second rollout, watched through get() only (rolledOut() lists) until the controllers are done.
    await waitFor('rollout 2, read without listing', () => {
      const d = h.store.get('deployments', NS, 'api');
      const s = (d?.status ?? {}) as Record<string, number | undefined>;
      return d?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2' && s.updatedReplicas === s.availableReplicas && s.replicas === s.updatedReplicas && h.manager.idle;
    });
    assert.equal(lists, before, 'controllers listed the store');
    h.store.list = original;
    assert.ok(rolledOut(h.store, 'api'));
  });
});
