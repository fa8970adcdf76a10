// The mutation policy fails safe: read-only blocks everything, every context a change can reach is checked,
// and a target it cannot name counts as protected. More cases that must ask or block than cases that may run.
import assert from 'node:assert/strict';
import { auditLine, auditSummary } from '../../../src/domain/safety/auditRecord';
import { decideMutation, isProtectedContext, type MutationDecision, type MutationPolicy, type MutationRequest } from '../../../src/domain/safety/mutationPolicy';

const scale: MutationRequest = { action: 'scale', context: 'phoenix-prod', namespace: 'phoenix-system', object: 'deployment/platform-api', confirmText: 'platform-api', summary: 'scale platform-api to 0 replicas' };
const policy: MutationPolicy = { readOnly: false, protectedContexts: ['*prod*'] };
const dev = { ...scale, context: 'phoenix-dev' };

describe('mutation policy', () => {
  it('read-only blocks everything, saying what was not done and how to allow it', () => {
    for (const req of [dev, scale, { ...dev, destructive: true }, { ...dev, unknownReach: ['KUBECONFIG is set in the step'] }, { ...dev, context: '' }]) {
      const d = decideMutation(req, { ...policy, readOnly: true });
      assert.equal(d.kind, 'blocked', JSON.stringify(req));
    }
    const d = decideMutation(dev, { ...policy, readOnly: true });
    assert.equal(d.kind === 'blocked' ? d.reason : '', 'Read-only mode is on: scale deployment/platform-api in phoenix-system on phoenix-dev was not done. Turn off phoenixOps.readOnly to make changes.');
    const noNs = decideMutation({ ...dev, namespace: undefined }, { ...policy, readOnly: true });
    assert.equal(noNs.kind === 'blocked' ? noNs.reason : '', 'Read-only mode is on: scale deployment/platform-api on phoenix-dev was not done. Turn off phoenixOps.readOnly to make changes.');
  });

  it('a protected context asks to type the confirmation text', () => {
    assert.deepEqual(decideMutation(scale, policy), { kind: 'typeToConfirm', expected: 'platform-api', prompt: 'phoenix-prod is a protected context. Scale platform-api to 0 replicas. Type "platform-api" to confirm.' });
    assert.deepEqual(decideMutation({ ...scale, summary: undefined }, policy), {
      kind: 'typeToConfirm',
      expected: 'platform-api',
      prompt: 'phoenix-prod is a protected context. Scale deployment/platform-api in phoenix-system on phoenix-prod. Type "platform-api" to confirm.',
    });
    // Matching is case-insensitive and anchored: PHOENIX-PROD is protected, a pattern must match the whole name.
    assert.equal(decideMutation({ ...scale, context: 'PHOENIX-PROD' }, policy).kind, 'typeToConfirm');
    assert.equal(decideMutation({ ...scale, context: 'prod-eu' }, { readOnly: false, protectedContexts: ['prod'] }).kind, 'allowed');
    assert.equal(decideMutation({ ...scale, context: 'prod' }, { readOnly: false, protectedContexts: ['dev', 'prod'] }).kind, 'typeToConfirm');
  });

  it('a protected context the change also reaches asks to type that context, even when the selected one is not protected', () => {
    assert.deepEqual(decideMutation({ ...dev, alsoReaches: ['phoenix-dev', 'prod-eu'] }, policy), {
      kind: 'typeToConfirm',
      expected: 'prod-eu',
      prompt: 'This change also reaches prod-eu, a protected context. Scale platform-api to 0 replicas. Type "prod-eu" to confirm.',
    });
    assert.equal(decideMutation({ ...dev, alsoReaches: ['staging'] }, policy).kind, 'allowed');
    // A pattern that matches nothing the change reaches asks nothing (no context, no list: nothing is invented).
    assert.equal(decideMutation(dev, { readOnly: false, protectedContexts: ['* *', 'Stryker*'] }).kind, 'allowed');
    assert.equal(decideMutation({ ...dev, alsoReaches: ['phoenix-dev'], destructive: true }, policy).kind, 'confirm');
  });

  it('a target that cannot be told counts as protected: no selected context, KUBECONFIG in the step', () => {
    assert.deepEqual(decideMutation({ ...dev, unknownReach: ['KUBECONFIG is set in the step'] }, policy), {
      kind: 'typeToConfirm',
      expected: 'platform-api',
      prompt: 'This change may reach a context the cockpit cannot tell (KUBECONFIG is set in the step), so it is treated as protected. Scale platform-api to 0 replicas. Type "platform-api" to confirm.',
    });
    const both = decideMutation({ ...dev, unknownReach: ['KUBECONFIG is set in the step', '--server points it at another cluster or identity'] }, policy);
    assert.match(both.kind === 'typeToConfirm' ? both.prompt : '', /\(KUBECONFIG is set in the step; --server points it at another cluster or identity\)/);
    const none = decideMutation({ ...dev, context: '', confirmText: 'restart' }, policy);
    assert.equal(none.kind, 'typeToConfirm');
    assert.equal(none.kind === 'typeToConfirm' && none.expected, 'restart');
    assert.match(none.kind === 'typeToConfirm' ? none.prompt : '', /no context is selected, so kubectl uses its own current-context/);
    // Without any protected pattern a target that cannot be told still asks.
    assert.equal(decideMutation({ ...dev, unknownReach: ['--kubeconfig points it at another cluster or identity'] }, { readOnly: false, protectedContexts: [] }).kind, 'typeToConfirm');
    assert.match(JSON.stringify(decideMutation({ ...dev, context: '', summary: undefined }, policy)), /on no selected context/);
  });

  it('a destructive change elsewhere asks yes/no; an ordinary one just runs', () => {
    assert.deepEqual(decideMutation({ ...dev, destructive: true }, policy), { kind: 'confirm', prompt: 'Scale platform-api to 0 replicas?' });
    assert.equal(decideMutation(dev, policy).kind, 'allowed');
    assert.equal(decideMutation(dev, { readOnly: false, protectedContexts: [] }).kind, 'allowed');
    assert.equal(decideMutation({ ...dev, alsoReaches: [], unknownReach: [] }, policy).kind, 'allowed');
  });

  it('isProtectedContext: globs with * and ?, whole names, any case', () => {
    const p = { protectedContexts: ['*prod*', 'eu-?'] };
    assert.deepEqual(['phoenix-prod', 'PROD', 'eu-1', 'eu-12', 'dev', 'produce'].map((c) => isProtectedContext(c, p)), [true, true, true, false, false, true]);
    assert.equal(isProtectedContext('a.b', { protectedContexts: ['a.b'] }), true);
    assert.equal(isProtectedContext('axb', { protectedContexts: ['a.b'] }), false);
  });

  it('audit records are one JSON line each and read well in the log', () => {
    const r = { time: '2026-11-23T10:00:00.000Z', user: 'oncall', context: 'phoenix-prod', namespace: 'phoenix-system', object: 'deployment/platform-api', action: 'scale', outcome: 'succeeded' as const, detail: 'replicas 3 → 5' };
    assert.equal(auditLine(r).split('\n').length, 2);
    assert.deepEqual(JSON.parse(auditLine(r)), r);
    assert.equal(auditSummary(r), 'SUCCEEDED scale deployment/platform-api on phoenix-prod/phoenix-system by oncall: replicas 3 → 5');
  });
});

describe('mutation policy: the decision table (more ways to need a guard than to run freely)', () => {
  const req = (over: Partial<MutationRequest> = {}): MutationRequest => ({ action: 'scale', context: 'phoenix-dev', object: 'deployment/api', confirmText: 'api', ...over });
  const pol = (over: Partial<MutationPolicy> = {}): MutationPolicy => ({ readOnly: false, protectedContexts: ['*prod*'], ...over });
  const cases: Array<[string, Partial<MutationRequest>, Partial<MutationPolicy>, MutationDecision['kind']]> = [
    // Read-only wins over everything, a protected context included: nothing is even offered for confirmation.
    ['read-only, ordinary context', {}, { readOnly: true }, 'blocked'],
    ['read-only on a protected context', { context: 'phoenix-prod' }, { readOnly: true }, 'blocked'],
    ['read-only, destructive', { destructive: true }, { readOnly: true }, 'blocked'],
    ['read-only, destructive on a protected context', { context: 'phoenix-prod', destructive: true }, { readOnly: true }, 'blocked'],
    ['read-only with no protected patterns', {}, { readOnly: true, protectedContexts: [] }, 'blocked'],
    // Protected contexts: the whole name matches a pattern (glob, case-insensitive), whichever pattern it is.
    ['protected by *prod*', { context: 'phoenix-prod' }, {}, 'typeToConfirm'],
    ['protected, in capitals', { context: 'PHOENIX-PROD' }, {}, 'typeToConfirm'],
    ['protected and destructive: typing, not just yes/no', { context: 'phoenix-prod', destructive: true }, {}, 'typeToConfirm'],
    ['protected by the second pattern', { context: 'staging-eu' }, { protectedContexts: ['*prod*', 'staging-*'] }, 'typeToConfirm'],
    ['protected by ? (one character)', { context: 'prod-1' }, { protectedContexts: ['prod-?'] }, 'typeToConfirm'],
    ['protected by an exact name with dots', { context: 'gke_acme.prod_eu' }, { protectedContexts: ['gke_acme.prod_eu'] }, 'typeToConfirm'],
    // Destructive elsewhere still asks.
    ['destructive on an ordinary context', { destructive: true }, {}, 'confirm'],
    ['destructive with no protected patterns', { destructive: true }, { protectedContexts: [] }, 'confirm'],
    // Runs freely only when nothing above applies.
    ['ordinary change, ordinary context', {}, {}, 'allowed'],
    ['no protected patterns at all', { context: 'phoenix-prod' }, { protectedContexts: [] }, 'allowed'],
    ['a pattern matches whole names only', { context: 'phoenix-prod-replica' }, { protectedContexts: ['phoenix-prod'] }, 'allowed'],
    ['a dot in a pattern is a dot, not any character', { context: 'gke_acmeXprod_eu' }, { protectedContexts: ['gke_acme.prod_eu'] }, 'allowed'],
  ];
  for (const [name, r, p, kind] of cases) {
    it(`${name} → ${kind}`, () => assert.equal(decideMutation(req(r), pol(p)).kind, kind));
  }

  it('says what was blocked, with or without a namespace', () => {
    assert.deepEqual(decideMutation(req({ context: 'phoenix-prod' }), pol({ readOnly: true })), {
      kind: 'blocked',
      reason: 'Read-only mode is on: scale deployment/api on phoenix-prod was not done. Turn off phoenixOps.readOnly to make changes.',
    });
    assert.match((decideMutation(req({ namespace: 'ns1' }), pol({ readOnly: true })) as { reason: string }).reason, /: scale deployment\/api in ns1 on phoenix-dev was not done\./);
  });

  it('asks yes/no in words: the summary, or what is done where', () => {
    assert.deepEqual(decideMutation(req({ destructive: true, summary: 'scale api to 0 replicas' }), pol()), { kind: 'confirm', prompt: 'Scale api to 0 replicas?' });
    assert.deepEqual(decideMutation(req({ destructive: true, namespace: 'ns1' }), pol()), { kind: 'confirm', prompt: 'Scale deployment/api in ns1 on phoenix-dev?' });
  });

  it('on a protected context, asks for the request’s confirmation text (not the context name unless that is it)', () => {
    assert.deepEqual(decideMutation(req({ context: 'phoenix-prod', confirmText: 'phoenix-prod', action: 'run destructive step', object: 'step 3' }), pol()), {
      kind: 'typeToConfirm',
      expected: 'phoenix-prod',
      prompt: 'phoenix-prod is a protected context. Run destructive step step 3 on phoenix-prod. Type "phoenix-prod" to confirm.',
    });
  });
});
