// A promoted canary's outcome row: read from the primary's annotation without trusting it, shown with its figures
// for an hour after the promotion, only while no canary row of its own is left, and never once dismissed.
import assert from 'node:assert/strict';
import type { V1Deployment } from '@kubernetes/client-node';
import { decodeLastRollout, LAST_ROLLOUT_ANNOTATION, type LastRollout } from '../../../../src/domain/rollouts/rolloutState';
import { OUTCOME_SHOWN_MS, outcomeRow } from '../../../../src/domain/rollouts/rolloutSummary';
import { outcomeKey, recentOutcomes } from '../../../../src/domain/rollouts/rolloutsNodes';

const END = Date.parse('2026-12-03T10:42:00Z');
const last: LastRollout = {
  image: 'ghcr.io/phoenix/platform-api:1.10.0',
  plan: 'guide-001 canary',
  status: 'promoted',
  startedAt: new Date(END - (41 * 60 + 5) * 1000).toISOString(),
  endedAt: new Date(END).toISOString(),
  startedBy: 'alice',
  previousImage: 'ghcr.io/phoenix/platform-api:1.9.0',
  phasesDone: 5,
  phases: 5,
  weight: 80,
  failedChecks: 1,
};
const primary = (name: string, value?: LastRollout | string): V1Deployment => ({ metadata: { name, ...(value === undefined ? {} : { annotations: { [LAST_ROLLOUT_ANNOTATION]: typeof value === 'string' ? value : JSON.stringify(value) } }) } });
const at = (ms: number) => new Date(ms);
const hhmm = (ms: number) => `${String(at(ms).getHours()).padStart(2, '0')}:${String(at(ms).getMinutes()).padStart(2, '0')}`;

describe('promoted canary outcome', () => {
  describe('outcomeRow', () => {
    it('says "Promoted — <when>, <image> · phases up to the weight in the time taken · failed checks"', () => {
      const r = outcomeRow(last, END + 60_000);
      assert.equal(r?.description, `Promoted — ${hhmm(END)}, platform-api:1.10.0 · 5/5 phases up to 80 % in 41:05 · 1 failed check`);
      assert.equal(r?.details[0], 'ghcr.io/phoenix/platform-api:1.10.0 promoted (was ghcr.io/phoenix/platform-api:1.9.0) with plan guide-001 canary');
    });
    it('is shown for exactly OUTCOME_SHOWN_MS after the promotion', () => {
      assert.ok(outcomeRow(last, END + OUTCOME_SHOWN_MS));
      assert.equal(outcomeRow(last, END + OUTCOME_SHOWN_MS + 1), undefined);
    });
    it('is no row for a rollback, a failure or a rollout still going', () => {
      for (const status of ['rolledBack', 'failed', 'running', 'promoting'] as const) assert.equal(outcomeRow({ ...last, status }, END), undefined, status);
    });
    it('keeps to the figures it has: an outcome written before them says only what it knows', () => {
      const old: LastRollout = { image: last.image, plan: last.plan, status: 'promoted', startedAt: 'never', endedAt: last.endedAt, startedBy: '' };
      assert.equal(outcomeRow(old, END)?.description, `Promoted — ${hhmm(END)}, platform-api:1.10.0`);
    });
  });

  describe('decodeLastRollout (fail safe)', () => {
    it('reads what the cockpit writes', () => {
      assert.deepEqual(decodeLastRollout(JSON.stringify(last)), last);
    });
    it('is nothing for a missing, non-JSON or wrongly shaped annotation', () => {
      for (const text of [undefined, '', 'not json', '[]', 'null', '42', '{"status":"promoted"}', JSON.stringify({ ...last, status: 'won' }), JSON.stringify({ ...last, endedAt: 'yesterday' }), JSON.stringify({ ...last, image: 7 })]) {
        assert.equal(decodeLastRollout(text), undefined, String(text));
      }
    });
    it('drops figures that are not counts rather than showing nonsense', () => {
      const d = decodeLastRollout(JSON.stringify({ ...last, phasesDone: -1, phases: 'five', weight: null, failedChecks: 1.5e400 }));
      assert.ok(d);
      assert.deepEqual([d.phasesDone, d.phases, d.weight, d.failedChecks], [undefined, undefined, undefined, undefined]);
    });
  });

  describe('recentOutcomes', () => {
    const none = () => false;
    it('lists a recent promotion of a deployment without a canary row', () => {
      const r = recentOutcomes('dev', 'ns', [primary('platform-api', last), primary('analytics')], new Set(), none, END);
      assert.deepEqual(r.map((n) => [n.deployment, n.key]), [['platform-api', outcomeKey('dev', 'ns', 'platform-api', last.endedAt)]]);
    });
    it('leaves out a deployment whose canary still has its own row, a dismissed one, an old one and a damaged one', () => {
      assert.deepEqual(recentOutcomes('dev', 'ns', [primary('platform-api', last)], new Set(['platform-api']), none, END), []);
      assert.deepEqual(recentOutcomes('dev', 'ns', [primary('platform-api', last)], new Set(), (k) => k === outcomeKey('dev', 'ns', 'platform-api', last.endedAt), END), []);
      assert.deepEqual(recentOutcomes('dev', 'ns', [primary('platform-api', last)], new Set(), none, END + OUTCOME_SHOWN_MS + 1), []);
      assert.deepEqual(recentOutcomes('dev', 'ns', [primary('platform-api', '{oops'), primary('', last)], new Set(), none, END), []);
    });
    it('shows the next promotion of the same deployment even after the last one was dismissed', () => {
      const next = { ...last, endedAt: new Date(END + 60_000).toISOString() };
      const dismissed = (k: string) => k === outcomeKey('dev', 'ns', 'platform-api', last.endedAt);
      assert.equal(recentOutcomes('dev', 'ns', [primary('platform-api', next)], new Set(), dismissed, END + 60_000).length, 1);
    });
  });
});
