// Reads every source of the incident timeline at once — the runbook's transcript, the audit log file, each
// Alertmanager (silences, alerts), Prometheus' alert history, the platform API's experiments — and answers what
// each said or why it could not (not configured, unreachable, an unreadable audit log): the export names those.
import { readFile, stat } from 'node:fs/promises';
import type { ServiceError } from '../../clients/http/serviceError';
import type { Result } from '../../core/result';
import { generations } from '../../core/rotatingFile';
import { firingAlertEntries, silenceEntries } from '../../domain/timeline/alertmanagerEntries';
import { ALERT_HISTORY_QUERY, alertHistoryEntries, historyStepSeconds } from '../../domain/timeline/alertHistoryEntries';
import { auditEntries, parseAuditLines } from '../../domain/timeline/auditEntries';
import { experimentEntries } from '../../domain/timeline/experimentEntries';
import { stepEntries } from '../../domain/timeline/stepEntries';
import type { SourceAnswer, TimelineEntry, TimelineWindow } from '../../domain/timeline/timelineEntry';
import type { TranscriptEntry } from '../../domain/runbook/runTranscript';
import type { AuditRecord } from '../../domain/safety/auditRecord';
import type { PlatformClients } from '../platform/platformClients';
import { AUDIT_ROTATION } from '../safety/auditLog';

export interface TimelineInputs {
  transcript?: readonly TranscriptEntry[];
  auditFile: string;
  clients: PlatformClients;
  window: TimelineWindow;
  signal?: AbortSignal;
}

/** In order of preference: the runbook and the audit log know who did it and how it ended. */
export async function readTimelineSources(i: TimelineInputs): Promise<SourceAnswer[]> {
  const { clients, window, signal } = i;
  const several = clients.alertmanagers.length > 1;
  const answers = await Promise.all([
    Promise.resolve<SourceAnswer[]>(i.transcript ? [{ source: 'runbook', entries: stepEntries(i.transcript) }] : []),
    readAudit(i.auditFile, window),
    ...clients.alertmanagers.map(async (am) => {
      const source = several ? `Alertmanager ${am.baseUrl}` : 'Alertmanager';
      const [silences, alerts] = await Promise.all([am.silences(signal), am.alerts({}, signal)]);
      return [answer(`${source} (silences)`, silences, silenceEntries), answer(`${source} (alerts firing now)`, alerts, firingAlertEntries)];
    }),
    Promise.resolve<SourceAnswer[]>(clients.alertmanagers.length ? [] : [{ source: 'Alertmanager', error: 'not configured (phoenixOps.alertmanager.urls): silences and firing alerts are missing' }]),
    (async (): Promise<SourceAnswer[]> => {
      if (!clients.prometheus) return [{ source: 'Prometheus (alert history)', error: 'not configured (phoenixOps.prometheus.url): alerts that fired and resolved are missing' }];
      const step = historyStepSeconds(window);
      const r = await clients.prometheus.queryRange(ALERT_HISTORY_QUERY, { start: new Date(window.start), end: new Date(window.end), stepSeconds: step, ...(signal ? { signal } : {}) });
      if (!r.ok) return [{ source: 'Prometheus (alert history)', error: describe(r.error) }];
      if (r.value.resultType !== 'matrix') return [{ source: 'Prometheus (alert history)', error: `answered a ${r.value.resultType}, not a range of series` }];
      return [{ source: 'Prometheus (alert history)', entries: alertHistoryEntries(r.value.result, window, step) }];
    })(),
    (async (): Promise<SourceAnswer[]> => {
      if (!clients.platform) return [{ source: 'platform API (experiments)', error: 'not configured (phoenixOps.platformApi.url): experiments stopped are missing' }];
      return [answer('platform API (experiments)', await clients.platform.experiments(signal), experimentEntries)];
    })(),
  ]);
  return answers.flat();
}

/** The audit log's generations that can hold the window: a file last written before it starts holds nothing in it. */
async function readAudit(file: string, window: TimelineWindow): Promise<SourceAnswer[]> {
  const out: SourceAnswer[] = [];
  let records: AuditRecord[] = [];
  for (const f of generations(file, AUDIT_ROTATION.keep)) {
    let text: string;
    try {
      if ((await stat(f)).mtimeMs < window.start) continue;
      text = await readFile(f, 'utf8');
    } catch (e) {
      // No file: the cockpit has changed nothing on this machine (or not enough to rotate).
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      out.push({ source: 'audit log', error: `${f}: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const parsed = parseAuditLines(text);
    records = records.concat(parsed.records);
    if (parsed.unreadable) out.push({ source: 'audit log', error: `${parsed.unreadable} line(s) of ${f} are not audit records and were skipped` });
  }
  return [{ source: 'audit log', entries: auditEntries(records) }, ...out];
}

function answer<T>(source: string, r: Result<T[], ServiceError>, entries: (v: T[]) => TimelineEntry[]): SourceAnswer {
  return r.ok ? { source, entries: entries(r.value) } : { source, error: describe(r.error) };
}

function describe(e: ServiceError): string {
  return e.hint ? `${e.message}. ${e.hint}` : e.message;
}
