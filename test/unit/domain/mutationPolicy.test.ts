import assert from 'node:assert/strict';
import { auditLine, auditSummary } from '../../../src/domain/safety/auditRecord';
import { decideMutation, type MutationRequest } from '../../../src/domain/safety/mutationPolicy';

const scale: MutationRequest = { action: 'scale', context: 'phoenix-prod', namespace: 'phoenix-system', object: 'deployment/platform-api', confirmText: 'platform-api', summary: 'scale platform-api to 0 replicas' };
const policy = { readOnly: false, protectedContexts: ['*prod*'] };

describe('mutation policy', () => {
  it('read-only blocks everything, saying what was not done and how to allow it', () => {
    const d = decideMutation({ ...scale, context: 'phoenix-dev' }, { ...policy, readOnly: true });
    assert.equal(d.kind, 'blocked');
    assert.match(d.kind === 'blocked' ? d.reason : '', /Read-only mode is on: scale deployment\/platform-api in phoenix-system on phoenix-dev was not done.*phoenixOps\.readOnly/);
  });
  it('a protected context asks to type the confirmation text', () => {
    const d = decideMutation(scale, policy);
    assert.deepEqual(d, { kind: 'typeToConfirm', expected: 'platform-api', prompt: 'phoenix-prod is a protected context. Scale platform-api to 0 replicas. Type "platform-api" to confirm.' });
  });
  it('a destructive change elsewhere asks yes/no; an ordinary one just runs', () => {
    assert.equal(decideMutation({ ...scale, context: 'phoenix-dev', destructive: true }, policy).kind, 'confirm');
    assert.equal(decideMutation({ ...scale, context: 'phoenix-dev' }, policy).kind, 'allowed');
    assert.equal(decideMutation({ ...scale, context: 'phoenix-dev' }, { readOnly: false, protectedContexts: [] }).kind, 'allowed');
  });
  it('audit records are one JSON line each and read well in the log', () => {
    const r = { time: '2026-11-23T10:00:00.000Z', user: 'oncall', context: 'phoenix-prod', namespace: 'phoenix-system', object: 'deployment/platform-api', action: 'scale', outcome: 'succeeded' as const, detail: 'replicas 3 → 5' };
    assert.equal(auditLine(r).split('\n').length, 2);
    assert.deepEqual(JSON.parse(auditLine(r)), r);
    assert.equal(auditSummary(r), 'SUCCEEDED scale deployment/platform-api on phoenix-prod/phoenix-system by oncall: replicas 3 → 5');
  });
});
