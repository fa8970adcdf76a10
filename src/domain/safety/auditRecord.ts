// One line of the audit log: who changed what, where, and how it ended. Written as JSON lines.

export type AuditOutcome = 'succeeded' | 'failed' | 'cancelled' | 'blocked';

export interface AuditRecord {
  /** ISO 8601 time the action ended. */
  time: string;
  user: string;
  context: string;
  namespace?: string;
  object: string;
  action: string;
  outcome: AuditOutcome;
  /** The error message, the parameters (e.g. "replicas 3 → 5"), or why it was blocked. */
  detail?: string;
  durationMs?: number;
  /** Ids of what the action made in another system (a silence's id), so its record there is matched to this line. */
  refs?: string[];
}

export function auditLine(r: AuditRecord): string {
  return `${JSON.stringify(r)}\n`;
}

/** The human form for the log channel. */
export function auditSummary(r: AuditRecord): string {
  const where = `${r.context}${r.namespace ? `/${r.namespace}` : ''}`;
  return `${r.outcome.toUpperCase()} ${r.action} ${r.object} on ${where} by ${r.user}${r.detail ? `: ${r.detail}` : ''}`;
}
