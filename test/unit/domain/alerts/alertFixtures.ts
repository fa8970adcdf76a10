// Alertmanager v2 alerts for the unit tests, shaped like GET /api/v2/alerts returns them.
import type { AmAlert } from '../../../../src/clients/alertmanager/alertmanagerTypes';

export function amAlert(labels: Record<string, string>, o: Partial<AmAlert> & { state?: AmAlert['status']['state']; silencedBy?: string[] } = {}): AmAlert {
  return {
    fingerprint: o.fingerprint ?? Object.values(labels).join('|'),
    labels,
    annotations: o.annotations ?? { summary: `${labels.alertname ?? ''} summary` },
    startsAt: o.startsAt ?? '2025-01-01T10:00:00Z',
    endsAt: '',
    updatedAt: '',
    status: { state: o.state ?? 'active', silencedBy: o.silencedBy ?? [], inhibitedBy: [] },
    receivers: [],
  };
}
