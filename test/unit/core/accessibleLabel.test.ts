// The label a screen reader says for a tree row: what a sighted user reads on it, not the tooltip alone.
import assert from 'node:assert/strict';
import { accessibleLabel } from '../../../src/core/accessibleLabel';

describe('accessible labels of tree rows', () => {
  it('says the selected namespace is selected, with its kind and context', () => {
    assert.equal(accessibleLabel({ kind: 'Namespace', label: 'phoenix-prod', description: 'selected', summary: 'in context kind-phoenix' }), 'Namespace phoenix-prod, selected, in context kind-phoenix');
  });

  it("says an alert group's severity (only its bell's colour shows it), priority and count", () => {
    assert.equal(
      accessibleLabel({ label: 'HighErrorRate', description: 'P1 · 1 firing', state: 'critical', summary: 'platform-api answers 5xx to more than 5 % of requests' }),
      'HighErrorRate, critical, P1, 1 firing, platform-api answers 5xx to more than 5 % of requests',
    );
  });

  it('reads the " · " separated parts of a description as a list and arrows as words', () => {
    assert.equal(accessibleLabel({ label: 'Cost flow', description: '$10,000 → $3,000/mo · −70.0 %' }), 'Cost flow, $10,000 to $3,000/mo, −70.0 %');
  });

  it('does not say a state twice when the description or label already says it', () => {
    assert.equal(accessibleLabel({ label: 'failed', description: '3', state: 'failed' }), 'failed, 3');
    assert.equal(accessibleLabel({ label: 'web', description: 'Error: forbidden', state: 'error' }), 'web, Error: forbidden');
  });

  it('adds only the first line of a tooltip, not when it repeats the row, never an instruction to click', () => {
    assert.equal(accessibleLabel({ label: 'Pending', description: '2', summary: 'Alerts Prometheus has seen.\nsecond line' }), 'Pending, 2, Alerts Prometheus has seen.');
    assert.equal(accessibleLabel({ label: 'db', description: 'up', summary: 'db up' }), 'db, up');
    assert.equal(accessibleLabel({ label: 'x', summary: 'Click to retry.' }), 'x');
    assert.equal(accessibleLabel({ label: 'x', summary: '\n\n  second  ' }), 'x, second');
  });

  it('shortens a long tooltip to a sentence and keeps a row without description or tooltip to its label', () => {
    const said = accessibleLabel({ label: 'Revisions', summary: 'a'.repeat(400) });
    assert.ok(said.length < 180 && said.endsWith('…'), said);
    assert.equal(accessibleLabel({ label: 'Canaries' }), 'Canaries');
    assert.equal(accessibleLabel({ label: 'Canaries', description: '', summary: '' }), 'Canaries');
  });
});
