// Which backups a retention policy keeps: for each bucket (daily, weekly, monthly, yearly) the newest backup of
// each of the N most recent periods that have one (as restic's --keep-daily and friends count), plus the newest
// backup and the newest verified one, which are never deleted. Periods are UTC days, ISO weeks, months and years.

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  yearly: number;
}

/** Guide 002: 30 daily, 12 weekly, 12 monthly, 7 yearly. */
export const GUIDE_RETENTION: RetentionPolicy = { daily: 30, weekly: 12, monthly: 12, yearly: 7 };

export interface RetentionCandidate {
  id: string;
  time: Date;
  /** Its last verification (checksums or test restore) succeeded. */
  verified: boolean;
}

export interface RetentionDecision {
  id: string;
  time: Date;
  keep: boolean;
  /** Why it is kept ("daily 2026-12-03", "weekly 2026-W49" …), or why it goes. */
  reasons: string[];
}

type Bucket = keyof RetentionPolicy;
const BUCKETS: readonly Bucket[] = ['daily', 'weekly', 'monthly', 'yearly'];

/** Decisions for one series of backups (one context, namespace and database), newest first. */
export function planRetention(candidates: readonly RetentionCandidate[], policy: RetentionPolicy): RetentionDecision[] {
  // Stryker disable next-line EqualityOperator: ids are unique, so a tie never compares an id with itself.
  const sorted = [...candidates].sort((a, b) => b.time.getTime() - a.time.getTime() || (a.id < b.id ? -1 : 1));
  const reasons = new Map<string, string[]>(sorted.map((c) => [c.id, []]));
  const add = (id: string, why: string) => reasons.get(id)?.push(why);
  for (const bucket of BUCKETS) {
    const wanted = Math.max(0, Math.floor(policy[bucket] || 0));
    let kept = 0;
    let last: string | undefined;
    for (const c of sorted) {
      if (kept >= wanted) break;
      const period = periodOf(bucket, c.time);
      if (period === last) continue;
      last = period;
      kept++;
      add(c.id, `${bucket} ${period}`);
    }
  }
  if (sorted[0]) add(sorted[0].id, 'newest backup');
  const newestVerified = sorted.find((c) => c.verified);
  if (newestVerified) add(newestVerified.id, 'newest verified backup');
  return sorted.map((c) => {
    const why = reasons.get(c.id)!;
    return why.length ? { id: c.id, time: c.time, keep: true, reasons: why } : { id: c.id, time: c.time, keep: false, reasons: ['in no bucket of the policy'] };
  });
}

export function periodOf(bucket: Bucket, t: Date): string {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  switch (bucket) {
    case 'daily':
      return `${y}-${pad(m)}-${pad(t.getUTCDate())}`;
    case 'weekly': {
      const w = isoWeek(t);
      return `${w.year}-W${pad(w.week)}`;
    }
    case 'monthly':
      return `${y}-${pad(m)}`;
    case 'yearly':
      return String(y);
  }
}

/** ISO 8601 week: weeks start on Monday; week 1 is the one with the year's first Thursday. */
export function isoWeek(t: Date): { year: number; week: number } {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const dayOfWeek = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - dayOfWeek); // the Thursday of this week decides its year
  const year = d.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((d.getTime() - jan1) / 86_400_000 / 7) + 1;
  return { year, week };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function policyText(p: RetentionPolicy): string {
  return `${p.daily} daily, ${p.weekly} weekly, ${p.monthly} monthly, ${p.yearly} yearly`;
}
