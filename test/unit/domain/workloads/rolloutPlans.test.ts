// Undo is `kubectl rollout undo [--to-revision]` exactly (revision lookup, paused, "skipped rollback",
// the JSON patch); the other plans say what kubectl would send, or why nothing is sent.
import assert from 'node:assert/strict';
import { planPause, planRestart, planScale, planSetImage, planUndo } from '../../../../src/domain/workloads/rolloutPlans';
import { equalIgnoringHash, revisionHistory } from '../../../../src/domain/workloads/revisionHistory';
import { deployment, replicaSet, template } from './fixtures';

function history() {
  const d = deployment({ image: 'reg/api:3', revision: 3, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}', 'team/owner': 'sre' } });
  const rss = [replicaSet(d, 1, 'reg/api:1', { changeCause: 'first' }), replicaSet(d, 2, 'reg/api:2', { changeCause: 'second' }), replicaSet(d, 3, 'reg/api:3', { replicas: 3 })];
  return { d, rss };
}

describe('planUndo (kubectl rollout undo)', () => {
  it('without a revision goes to the second-newest one, with the exact JSON patch kubectl sends', () => {
    const { d, rss } = history();
    const plan = planUndo(d, rss, 0);
    assert.equal(plan.kind, 'patch');
    if (plan.kind !== 'patch') return;
    assert.equal(plan.toRevision, 2);
    assert.equal(plan.patchType, 'json');
    const [tpl, ann] = plan.patch as { op: string; path: string; value: Record<string, unknown> }[];
    assert.deepEqual([tpl?.op, tpl?.path, ann?.op, ann?.path], ['replace', '/spec/template', 'replace', '/metadata/annotations']);
    const template = tpl?.value as { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } };
    assert.equal(template.spec.containers[0]?.image, 'reg/api:2');
    assert.deepEqual(template.metadata.labels, { app: 'api' }, 'pod-template-hash removed');
    // Skipped annotations come from the deployment; the rest (change-cause included) from the ReplicaSet.
    assert.deepEqual(ann?.value, {
      'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}',
      'deployment.kubernetes.io/revision': '3',
      'kubernetes.io/change-cause': 'second',
    });
    assert.ok(!('team/owner' in (ann?.value ?? {})), 'like kubectl, annotations only on the deployment are replaced');
  });

  it('goes to a chosen revision, and says so when it is not in the history', () => {
    const { d, rss } = history();
    const plan = planUndo(d, rss, 1);
    assert.equal(plan.kind === 'patch' && plan.toRevision, 1);
    assert.deepEqual(planUndo(d, rss, 7), { kind: 'refused', message: 'unable to find specified revision 7 in history' });
  });

  it('reports "skipped rollback" when the revision is the running template, even written differently', () => {
    const { d, rss } = history();
    // kubectl sends creationTimestamp: null and resources: {}; the API may return the template either way.
    d.spec!.template.metadata = { ...d.spec!.template.metadata, creationTimestamp: null as unknown as Date };
    d.spec!.template.spec!.containers[0].resources = {};
    assert.deepEqual(planUndo(d, rss, 3), { kind: 'skipped', message: 'skipped rollback (current template already matches revision 3)' });
  });

  it('refuses a paused deployment (after finding the revision, as kubectl orders it)', () => {
    const { rss } = history();
    const paused = deployment({ image: 'reg/api:3', revision: 3, paused: true });
    assert.match((planUndo(paused, rss, 2) as { message: string }).message, /cannot rollback a paused deployment; resume it first/);
    assert.match((planUndo(paused, rss, 9) as { message: string }).message, /unable to find specified revision 9/);
  });

  it('has nothing to go back to with one revision, and ignores ReplicaSets it does not control', () => {
    const d = deployment({ image: 'reg/api:1', revision: 1 });
    const own = replicaSet(d, 1, 'reg/api:1');
    const foreign = replicaSet(d, 5, 'reg/other:5', { ownerUid: 'someone-else' });
    assert.deepEqual(planUndo(d, [own, foreign], 0), { kind: 'refused', message: 'no rollout history found for deployment "api"' });
    assert.deepEqual(revisionHistory(d, [own, foreign]).map((e) => e.revision), [1]);
  });
});

describe('planUndo: what the notification and audit log say, and odd revisions', () => {
  it('says which revision and which images it rolls back to, on the deployment itself', () => {
    const { d, rss } = history();
    const two = rss[1];
    two.spec!.template!.spec!.containers.push({ name: 'sidecar', image: 'reg/proxy:7' });
    const plan = planUndo(d, rss, 0);
    assert.deepEqual(plan.kind === 'patch' && [plan.summary, plan.target, plan.replicaSet], ['roll back to revision 2 (reg/api:2, reg/proxy:7)', 'deployment', 'api-h2']);
  });

  it('refuses a revision that is not a whole positive number, in kubectl\'s words', () => {
    const { d, rss } = history();
    for (const bad of [-1, 1.5, Number.NaN]) assert.deepEqual(planUndo(d, rss, bad), { kind: 'refused', message: `unable to find specified revision ${bad} in history` }, String(bad));
  });

  it('rolls back to a revision whose template has no labels, or no template at all, without failing', () => {
    const { d, rss } = history();
    delete rss[0].spec!.template!.metadata!.labels;
    const bare = planUndo(d, rss, 1);
    assert.ok(bare.kind === 'patch');
    assert.deepEqual((bare.patch as { value: { metadata: object } }[])[0].value.metadata, {});
    delete rss[1].spec!.template;
    const none = planUndo(d, rss, 2);
    assert.deepEqual(none.kind === 'patch' && [(none.patch as { value: unknown }[])[0].value, none.summary], [{}, 'roll back to revision 2 ()']);
  });

  it('does not change the ReplicaSet it copies from (the hash label stays on it)', () => {
    const { d, rss } = history();
    planUndo(d, rss, 2);
    assert.equal(rss[1].spec!.template!.metadata!.labels!['pod-template-hash'], 'h2');
  });
});

describe('rollout plans say what they do and why they do nothing', () => {
  it('restart: on the deployment, a strategic merge, its time in the summary; refused in words while paused', () => {
    const plan = planRestart(deployment(), new Date('2026-03-04T05:06:07.890Z'));
    assert.deepEqual(plan.kind === 'patch' && [plan.target, plan.patchType, plan.summary], ['deployment', 'strategic', 'restart (restartedAt 2026-03-04T05:06:07Z)']);
    assert.deepEqual(planRestart(deployment({ paused: true }), new Date(0)), { kind: 'refused', message: "can't restart a paused deployment: resume it first" });
  });

  it('scale: says from what to what, one replica or many, and refuses one more than the guard', () => {
    const d = deployment({ replicas: 3 });
    assert.equal(planScale(d, 5).kind === 'patch' && (planScale(d, 5) as { summary: string }).summary, 'scale 3 → 5 replicas');
    assert.deepEqual(planScale(d, '3'), { kind: 'skipped', message: 'already scaled to 3 replicas' });
    assert.deepEqual(planScale(deployment({ replicas: 1 }), 1), { kind: 'skipped', message: 'already scaled to 1 replica' });
    assert.equal(planScale(d, 10_001).kind, 'refused');
    const unset = deployment();
    delete unset.spec!.replicas;
    assert.equal(planScale(unset, 1).kind, 'skipped', 'a deployment without replicas runs one (the API server\'s default)');
    assert.equal((planScale(unset, 2) as { summary: string }).summary, 'scale 1 → 2 replicas');
    assert.equal((planScale(d, 'x1') as { message: string }).message, '"x1" is not a replica count: enter a whole number, 0 or more.');
    assert.equal(planScale(d, '5 5').kind, 'refused');
  });

  it('pause and resume: each says which it is, and what is already so', () => {
    assert.deepEqual(planPause(deployment({ paused: true }), false), { kind: 'patch', target: 'deployment', patchType: 'strategic', patch: { spec: { paused: false } }, summary: 'resume rollout' });
    assert.deepEqual(planPause(deployment({ paused: true }), true), { kind: 'skipped', message: 'already paused' });
    assert.deepEqual(planPause(deployment(), false), { kind: 'skipped', message: 'is not paused' });
  });

  it('set image on a deployment without a pod template refuses, naming no container rather than failing', () => {
    const d = deployment({ image: 'reg/api:1' });
    delete (d.spec as { template?: unknown }).template;
    assert.deepEqual(planSetImage(d, 'api', 'reg/api:2'), { kind: 'refused', message: `container "api" is not in deployment ${d.metadata?.name} (it has: )` });
  });

  it('set image: trims the image, says from what to what, and names every container when the one asked for is missing', () => {
    const d = deployment({ image: 'reg/api:2' });
    const plan = planSetImage(d, 'api', '  reg/api:3\n');
    assert.deepEqual(plan.kind === 'patch' && [plan.target, plan.patchType, plan.summary], ['deployment', 'strategic', 'image api: reg/api:2 → reg/api:3']);
    assert.deepEqual(planSetImage(d, 'api', ' reg/api:2 '), { kind: 'skipped', message: 'container api already runs reg/api:2' });
    delete d.spec!.template.spec!.containers[0].image;
    assert.equal((planSetImage(d, 'api', 'reg/api:3') as { summary: string }).summary, 'image api: ? → reg/api:3');
    d.spec!.template.spec!.containers.push({ name: 'proxy' });
    delete d.metadata!.name;
    assert.equal((planSetImage(d, 'web', 'x:1') as { message: string }).message, 'container "web" is not in deployment  (it has: api, proxy)');
  });
});

describe('revisionHistory', () => {
  it('lists revisions newest first with change-cause and images, marking the running template', () => {
    const { d, rss } = history();
    const h = revisionHistory(d, rss);
    assert.deepEqual(h.map((e) => [e.revision, e.current, e.changeCause, e.containers[0]?.image]), [
      [3, true, undefined, 'reg/api:3'],
      [2, false, 'second', 'reg/api:2'],
      [1, false, 'first', 'reg/api:1'],
    ]);
  });
});

describe('other rollout plans', () => {
  it('restart patches the restartedAt annotation, refused while paused', () => {
    const plan = planRestart(deployment(), new Date('2026-03-04T05:06:07.890Z'));
    assert.deepEqual(plan.kind === 'patch' && plan.patch, {
      metadata: { annotations: { 'kubernetes.io/change-cause': 'Phoenix Ops: rollout restart (restartedAt 2026-03-04T05:06:07Z)' } },
      spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-03-04T05:06:07Z' } } } },
    });
    assert.equal(planRestart(deployment({ paused: true }), new Date()).kind, 'refused');
  });

  it('scale validates the number and patches the scale subresource', () => {
    const d = deployment({ replicas: 3 });
    const plan = planScale(d, ' 5 ');
    assert.deepEqual(plan.kind === 'patch' && [plan.target, plan.patchType, plan.patch], ['scale', 'merge', { spec: { replicas: 5 } }]);
    assert.equal(planScale(d, 3).kind, 'skipped');
    for (const bad of ['-1', 'two', '1.5', '']) assert.equal(planScale(d, bad).kind, 'refused', bad);
    assert.equal(planScale(d, 0).kind, 'patch');
    assert.equal(planScale(d, 10_000).kind, 'patch');
  });

  it('scale past the typo guard says it is a guard, with readable numbers (not "enter a whole number")', () => {
    const plan = planScale(deployment({ replicas: 3 }), '99999');
    assert.equal(plan.kind, 'refused');
    assert.equal((plan as { message: string }).message, '99,999 replicas is more than the 10,000 this command scales to (a guard against a mistyped digit); use kubectl scale for more.');
    assert.match((planScale(deployment(), 'two') as { message: string }).message, /"two" is not a replica count: enter a whole number, 0 or more/);
  });

  it('scale to 0 and roll back are destructive (asked even off protected contexts, as the same runbook step is); other changes are not', () => {
    const d = deployment({ replicas: 3 });
    assert.equal((planScale(d, 0) as { destructive?: boolean }).destructive, true);
    assert.equal((planScale(d, '00') as { destructive?: boolean }).destructive, true);
    assert.equal((planScale(d, 5) as { destructive?: boolean }).destructive, undefined);
    assert.equal((planScale(d, 1) as { destructive?: boolean }).destructive, undefined);
    const { d: h, rss } = history();
    assert.equal((planUndo(h, rss, 0) as { destructive?: boolean }).destructive, true);
    assert.equal((planPause(deployment(), true) as { destructive?: boolean }).destructive, undefined);
    assert.equal((planRestart(deployment(), new Date(0)) as { destructive?: boolean }).destructive, undefined);
  });

  it('pause/resume skip when already so', () => {
    assert.equal(planPause(deployment(), false).kind, 'skipped');
    assert.deepEqual(planPause(deployment(), true), { kind: 'patch', target: 'deployment', patchType: 'strategic', patch: { spec: { paused: true } }, summary: 'pause rollout' });
  });

  it('set image is a strategic merge patch keyed by container name', () => {
    const d = deployment({ image: 'reg/api:2' });
    const plan = planSetImage(d, 'api', 'reg/api:3');
    // The change-cause travels in the same patch, so the new revision says what made it (not the previous change's text).
    assert.deepEqual(plan.kind === 'patch' && plan.patch, {
      metadata: { annotations: { 'kubernetes.io/change-cause': 'Phoenix Ops: set image api=reg/api:3' } },
      spec: { template: { spec: { containers: [{ name: 'api', image: 'reg/api:3' }] } } },
    });
    assert.match((planSetImage(d, 'sidecar', 'x:1') as { message: string }).message, /container "sidecar" is not in deployment api \(it has: api\)/);
    assert.equal(planSetImage(d, 'api', 'reg/api:2').kind, 'skipped');
    assert.equal(planSetImage(d, 'api', 'has space:1').kind, 'refused');
    assert.deepEqual(planSetImage(d, 'api', '!!!@@@:::'), { kind: 'refused', message: '"!!!@@@:::" is not an image reference: it has more than one "@" (only one digest may follow the name)' });
    assert.match((planSetImage(d, 'api', 'Reg/API:3') as { message: string }).message, /must be lowercase \("API"\)/);
  });
});

/** Every order of `items`: the API server lists objects in no promised order (by name, by key, by chance). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('rollout planning does not depend on the order ReplicaSets arrive in', () => {
  /** Revisions 1–4, plus one ReplicaSet another deployment controls and one without a revision. */
  function shuffled() {
    const d = deployment({ image: 'reg/api:4', revision: 4 });
    const rss = [
      replicaSet(d, 1, 'reg/api:1', { changeCause: 'first' }),
      replicaSet(d, 2, 'reg/api:2', { changeCause: 'second' }),
      replicaSet(d, 3, 'reg/api:3', { changeCause: 'third' }),
      replicaSet(d, 4, 'reg/api:4', { replicas: 3 }),
      replicaSet(d, 9, 'reg/other:9', { ownerUid: 'someone-else' }),
    ];
    const noRevision = replicaSet(d, 5, 'reg/api:5', { hash: 'norev' });
    delete noRevision.metadata!.annotations!['deployment.kubernetes.io/revision'];
    return { d, rss: [...rss, noRevision] };
  }

  it('undo without a revision goes to the second-newest (3) in all 720 orders', () => {
    const { d, rss } = shuffled();
    for (const order of permutations(rss)) {
      const plan = planUndo(d, order, 0);
      assert.equal(plan.kind === 'patch' && plan.toRevision, 3, order.map((r) => r.metadata?.name).join(' '));
    }
  });

  it('undo to a chosen revision finds it in every order, and refuses one another deployment owns', () => {
    const { d, rss } = shuffled();
    for (const order of permutations(rss)) {
      const plan = planUndo(d, order, 1);
      assert.equal(plan.kind === 'patch' && plan.replicaSet, 'api-h1');
      assert.equal(planUndo(d, order, 9).kind, 'refused');
    }
  });

  it('history is newest first and marks the running template, in every order', () => {
    const { d, rss } = shuffled();
    for (const order of permutations(rss)) {
      const h = revisionHistory(d, order);
      assert.deepEqual(h.map((e) => `${e.revision}${e.current ? '*' : ''}`), ['4*', '3', '2', '1']);
    }
  });

  it('of two ReplicaSets with the running template, the older one is current, whichever comes first', () => {
    const d = deployment({ image: 'reg/api:2', revision: 3 });
    const older = replicaSet(d, 2, 'reg/api:2', { created: '2026-01-02T00:00:00Z' });
    const newer = replicaSet(d, 3, 'reg/api:2', { created: '2026-01-03T00:00:00Z', hash: 'h3' });
    for (const order of [[older, newer], [newer, older]]) {
      assert.deepEqual(revisionHistory(d, order).map((e) => `${e.revision}${e.current ? '*' : ''}`), ['3', '2*']);
    }
  });
});

describe('templates compared as the controller compares them (equalIgnoringHash)', () => {
  it('ignores key order, empty maps and lists, nulls and the hash label; not a real difference', () => {
    const a = template('reg/api:1');
    const b = structuredClone(a);
    b.metadata = { labels: { 'pod-template-hash': 'x', app: 'api' }, annotations: {} };
    b.spec = { volumes: [], containers: [{ ports: [{ containerPort: 8080 }], image: 'reg/api:1', name: 'api', env: [], resources: {} }], nodeSelector: undefined };
    assert.equal(equalIgnoringHash(a, b), true);
    const c = structuredClone(a);
    c.spec!.containers[0].env = [{ name: 'X', value: '1' }];
    assert.equal(equalIgnoringHash(a, c), false, 'a real difference inside a list');
    const d = structuredClone(a);
    d.spec!.containers[0].ports = [{ containerPort: 8081 }];
    assert.equal(equalIgnoringHash(a, d), false);
    const e = structuredClone(a);
    e.metadata!.labels!.track = 'canary';
    assert.equal(equalIgnoringHash(a, e), false, 'another label is a difference');
    assert.equal(equalIgnoringHash(undefined, {}), true);
  });

  it('lists a ReplicaSet without name, uid or image as empty strings rather than failing', () => {
    const d = deployment({ image: 'reg/api:1', revision: 1 });
    const rs = replicaSet(d, 1, 'reg/api:1');
    delete rs.metadata!.name;
    delete rs.metadata!.uid;
    delete rs.spec!.template!.spec!.containers[0].image;
    const [entry] = revisionHistory(d, [rs]);
    assert.deepEqual([entry?.replicaSet, entry?.uid, entry?.containers], ['', '', [{ name: 'api', image: '' }]]);
  });

  it('of two ReplicaSets created in the same second with the running template, the first by name is current', () => {
    const d = deployment({ image: 'reg/api:2', revision: 3 });
    const x = replicaSet(d, 2, 'reg/api:2', { created: '2026-01-02T00:00:00Z', hash: 'bbb' });
    const y = replicaSet(d, 3, 'reg/api:2', { created: '2026-01-02T00:00:00Z', hash: 'aaa' });
    for (const order of [[x, y], [y, x]]) assert.equal(revisionHistory(d, order).find((e) => e.current)?.replicaSet, 'api-aaa');
  });
});
