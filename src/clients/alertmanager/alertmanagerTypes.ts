// The shapes of Alertmanager's v2 API the cockpit reads (alerts, silences), and light checks that a response has them.

export type Labels = Record<string, string>;

export interface AmAlert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
  receivers: { name: string }[];
}

export interface AmMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** Absent means true (Alertmanager < 0.22 did not have it). */
  isEqual?: boolean;
}

export interface AmSilence {
  id: string;
  matchers: AmMatcher[];
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  createdBy: string;
  comment: string;
  status: { state: 'active' | 'pending' | 'expired' };
}

export interface NewSilence {
  matchers: AmMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isLabels(v: unknown): v is Labels {
  return isObject(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** The alerts of a GET /api/v2/alerts body, or a description of what is wrong with it. */
export function decodeAlerts(body: unknown): AmAlert[] | string {
  if (!Array.isArray(body)) return 'expected a JSON array of alerts (is this URL an Alertmanager?)';
  const out: AmAlert[] = [];
  for (const a of body) {
    if (!isObject(a) || !isLabels(a.labels) || typeof a.startsAt !== 'string') return 'an alert without labels or startsAt';
    const status = isObject(a.status) ? a.status : {};
    out.push({
      fingerprint: typeof a.fingerprint === 'string' ? a.fingerprint : '',
      labels: a.labels,
      annotations: isLabels(a.annotations) ? a.annotations : {},
      startsAt: a.startsAt,
      endsAt: typeof a.endsAt === 'string' ? a.endsAt : '',
      updatedAt: typeof a.updatedAt === 'string' ? a.updatedAt : '',
      ...(typeof a.generatorURL === 'string' ? { generatorURL: a.generatorURL } : {}),
      status: {
        state: status.state === 'suppressed' || status.state === 'unprocessed' ? status.state : 'active',
        silencedBy: stringList(status.silencedBy),
        inhibitedBy: stringList(status.inhibitedBy),
      },
      receivers: Array.isArray(a.receivers) ? a.receivers.filter(isObject).map((r) => ({ name: text(r.name) })) : [],
    });
  }
  return out;
}

export function decodeSilences(body: unknown): AmSilence[] | string {
  if (!Array.isArray(body)) return 'expected a JSON array of silences (is this URL an Alertmanager?)';
  const out: AmSilence[] = [];
  for (const s of body) {
    if (!isObject(s) || typeof s.id !== 'string' || !Array.isArray(s.matchers)) return 'a silence without id or matchers';
    const state = isObject(s.status) ? s.status.state : undefined;
    out.push({
      id: s.id,
      matchers: s.matchers.filter(isObject).map((m) => ({
        name: text(m.name),
        value: text(m.value),
        isRegex: m.isRegex === true,
        ...(typeof m.isEqual === 'boolean' ? { isEqual: m.isEqual } : {}),
      })),
      startsAt: text(s.startsAt),
      endsAt: text(s.endsAt),
      updatedAt: text(s.updatedAt),
      createdBy: text(s.createdBy),
      comment: text(s.comment),
      status: { state: state === 'pending' || state === 'expired' ? state : 'active' },
    });
  }
  return out;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
