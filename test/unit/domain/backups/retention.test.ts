// Retention buckets (guide 002: 30 daily, 12 weekly, 12 monthly, 7 yearly) around day, ISO-week, month and year
// boundaries; the newest and the newest verified backup are never deleted; every kept backup says which bucket keeps it.
import assert from 'node:assert/strict';
import { GUIDE_RETENTION, isoWeek, periodOf, planRetention, policyText, type RetentionCandidate } from '../../../../src/domain/backups/retention';

const at = (iso: string, id = iso, verified = false): RetentionCandidate => ({ id, time: new Date(iso), verified });
const none = { daily: 0, weekly: 0, monthly: 0, yearly: 0 };
const kept = (cs: RetentionCandidate[], p = GUIDE_RETENTION) =>
  planRetention(cs, p)
    .filter((d) => d.keep)
    .map((d) => d.id);

describe('retention buckets', () => {
  it('ISO weeks: Monday starts a week, and the days around New Year belong to the year of their Thursday', () => {
    const cases: Array<[string, string]> = [
      ['2026-01-01T12:00:00Z', '2026-W01'], // a Thursday
      ['2025-12-29T00:00:00Z', '2026-W01'], // Monday of the same week
      ['2025-12-28T23:59:59Z', '2025-W52'], // the Sunday before
      ['2027-01-01T00:00:00Z', '2026-W53'], // 2026 has 53 weeks; Friday 1 Jan 2027 is in its last
      ['2027-01-04T00:00:00Z', '2027-W01'],
      ['2024-12-30T10:00:00Z', '2025-W01'],
      ['2021-01-03T10:00:00Z', '2020-W53'],
    ];
    for (const [iso, want] of cases) assert.equal(periodOf('weekly', new Date(iso)), want, iso);
    assert.deepEqual(isoWeek(new Date('2026-06-15T00:00:00Z')), { year: 2026, week: 25 });
  });

  it('periods are UTC: 23:59 and 00:00 are different days, months and years', () => {
    assert.equal(periodOf('daily', new Date('2026-02-28T23:59:59Z')), '2026-02-28');
    assert.equal(periodOf('daily', new Date('2026-03-01T00:00:00Z')), '2026-03-01');
    assert.equal(periodOf('monthly', new Date('2026-01-31T23:59:59Z')), '2026-01');
    assert.equal(periodOf('monthly', new Date('2026-02-01T00:00:00Z')), '2026-02');
    assert.equal(periodOf('yearly', new Date('2026-12-31T23:59:59Z')), '2026');
    assert.equal(periodOf('yearly', new Date('2027-01-01T00:00:00Z')), '2027');
    // Not local time: 01:00+02:00 is still the previous UTC day.
    assert.equal(periodOf('daily', new Date('2026-05-02T01:00:00+02:00')), '2026-05-01');
  });

  it('daily keeps the newest backup of each of the last N days that have one', () => {
    const cs = [at('2026-03-03T02:00:00Z'), at('2026-03-03T14:00:00Z'), at('2026-03-02T02:00:00Z'), at('2026-03-01T02:00:00Z'), at('2026-02-27T02:00:00Z')];
    const plan = planRetention(cs, { ...none, daily: 3 });
    assert.deepEqual(
      plan.map((d) => [d.id, d.keep, d.reasons.join('; ')]),
      [
        ['2026-03-03T14:00:00Z', true, 'daily 2026-03-03; newest backup'],
        ['2026-03-03T02:00:00Z', false, 'in no bucket of the policy'],
        ['2026-03-02T02:00:00Z', true, 'daily 2026-03-02'],
        ['2026-03-01T02:00:00Z', true, 'daily 2026-03-01'],
        // Days without a backup do not use up the count, and the 4th day with one is beyond it.
        ['2026-02-27T02:00:00Z', false, 'in no bucket of the policy'],
      ],
    );
  });

  it('a month boundary: monthly keeps the last backup of each month, not the first', () => {
    const cs = [at('2026-02-01T02:00:00Z'), at('2026-01-31T02:00:00Z'), at('2026-01-30T02:00:00Z'), at('2026-01-01T02:00:00Z'), at('2025-12-31T02:00:00Z')];
    assert.deepEqual(kept(cs, { ...none, monthly: 3 }), ['2026-02-01T02:00:00Z', '2026-01-31T02:00:00Z', '2025-12-31T02:00:00Z']);
  });

  it('a year boundary: yearly keeps the last backup of each year; weekly crosses it by ISO week', () => {
    const cs = [at('2027-01-02T02:00:00Z'), at('2026-12-31T02:00:00Z'), at('2026-12-28T02:00:00Z'), at('2026-12-27T02:00:00Z'), at('2025-06-01T02:00:00Z')];
    assert.deepEqual(kept(cs, { ...none, yearly: 7 }), ['2027-01-02T02:00:00Z', '2026-12-31T02:00:00Z', '2025-06-01T02:00:00Z']);
    // 2 Jan 2027, 31 Dec and 28 Dec 2026 are all in 2026-W53; 27 Dec (a Sunday) is W52.
    assert.deepEqual(kept(cs, { ...none, weekly: 2 }), ['2027-01-02T02:00:00Z', '2026-12-27T02:00:00Z']);
  });

  it('buckets overlap: one backup may be kept by several, and says so', () => {
    const plan = planRetention([at('2026-12-31T02:00:00Z', 'a', true)], GUIDE_RETENTION);
    assert.deepEqual(plan[0]?.reasons, ['daily 2026-12-31', 'weekly 2026-W53', 'monthly 2026-12', 'yearly 2026', 'newest backup', 'newest verified backup']);
  });

  it('never deletes the newest backup nor the newest verified one, even when the policy keeps nothing', () => {
    const cs = [at('2026-03-05T00:00:00Z', 'new'), at('2026-03-04T00:00:00Z', 'verified', true), at('2026-03-03T00:00:00Z', 'older verified', true), at('2026-03-02T00:00:00Z', 'old')];
    const plan = planRetention(cs, none);
    assert.deepEqual(
      plan.map((d) => [d.id, d.keep]),
      [
        ['new', true],
        ['verified', true],
        ['older verified', false],
        ['old', false],
      ],
    );
    assert.deepEqual(plan[1]?.reasons, ['newest verified backup']);
  });

  it('takes unsorted input, ties broken by id, and counts from the newest', () => {
    const cs = [at('2026-03-01T00:00:00Z', 'b'), at('2026-03-02T00:00:00Z', 'c'), at('2026-03-01T00:00:00Z', 'a')];
    assert.deepEqual(
      planRetention(cs, { ...none, daily: 2 }).map((d) => d.id),
      ['c', 'a', 'b'],
    );
    assert.deepEqual(kept(cs, { ...none, daily: 2 }), ['c', 'a']);
    // Ties in any input order come out by id.
    const tie = (ids: string[]) => planRetention(ids.map((id) => at('2026-03-01T00:00:00Z', id)), none).map((d) => d.id);
    assert.deepEqual(tie(['z', 'm', 'a', 'q']), ['a', 'm', 'q', 'z']);
    assert.deepEqual(tie(['a', 'm', 'q', 'z']), ['a', 'm', 'q', 'z']);
  });

  it('negative, fractional and missing counts keep nothing more than the guards', () => {
    const cs = [at('2026-03-02T00:00:00Z', 'x'), at('2026-03-01T00:00:00Z', 'y')];
    assert.deepEqual(kept(cs, { daily: -3, weekly: 0.5, monthly: Number.NaN, yearly: 0 }), ['x']);
    assert.deepEqual(kept(cs, { daily: 1.9, weekly: 0, monthly: 0, yearly: 0 }), ['x']);
    assert.deepEqual(planRetention([], GUIDE_RETENTION), []);
  });

  it('guide 002 over 400 daily backups keeps 30 daily + the other buckets, exactly', () => {
    const last = Date.UTC(2026, 11, 3, 2); // 3 Dec 2026 02:00
    const cs = Array.from({ length: 400 }, (_, i) => at(new Date(last - i * 86_400_000).toISOString()));
    const keep = new Set(kept(cs));
    const day = (iso: string) => `${iso}T02:00:00.000Z`;
    for (let i = 0; i < 30; i++) assert.ok(keep.has(new Date(last - i * 86_400_000).toISOString()), `daily ${i}`);
    // Weekly: the Sundays (last day of an ISO week) of the 11 weeks before the current one.
    for (const d of ['2026-11-29', '2026-11-22', '2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25', '2026-10-18', '2026-10-11', '2026-10-04', '2026-09-27', '2026-09-20']) {
      assert.ok(keep.has(day(d)), `weekly ${d}`);
    }
    // Monthly: the last day of the 11 months before December 2026.
    for (const d of ['2026-11-30', '2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31']) {
      assert.ok(keep.has(day(d)), `monthly ${d}`);
    }
    // Yearly: 2026's newest and 2025's last; the oldest backup (30 Oct 2025) is not 2025's last.
    assert.ok(keep.has(day('2025-12-31')));
    assert.equal(keep.has(day('2025-10-30')), false);
    // 30 daily (4 Nov … 3 Dec) already hold the newest of W49…W45 and of December and November: 7 weekly,
    // 10 monthly and 1 yearly backups come on top, no more.
    assert.equal(keep.size, 30 + 7 + 10 + 1);
  });

  it('describes a policy in words', () => {
    assert.equal(policyText(GUIDE_RETENTION), '30 daily, 12 weekly, 12 monthly, 7 yearly');
  });
});
