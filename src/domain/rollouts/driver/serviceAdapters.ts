// The driver's ports over the real clients: Prometheus instant queries as QueryAnswers (unreachable,
// timeouts and 5xx are "no data", a rejected query is an error), and Alertmanager's firing alerts for
// the service under rollout (matched by service or deployment, namespace and cluster labels when set).
import type { AlertmanagerClient } from '../../../clients/alertmanager/alertmanagerClient';
import type { PrometheusClient } from '../../../clients/prometheus/prometheusClient';
import type { QueryAnswer } from '../verdicts';
import type { AlertsPort, FiringAlert, MetricsPort } from './ports';

export function prometheusMetrics(prometheus: () => PrometheusClient | undefined): MetricsPort {
  return {
    async query(expr, signal): Promise<QueryAnswer> {
      const p = prometheus();
      if (!p) return { ok: false, kind: 'unreachable', message: 'Prometheus is not configured (phoenixOps.prometheus.url)' };
      const r = await p.query(expr, { signal });
      if (r.ok) return { ok: true, data: r.value };
      const unreachable = r.error.kind === 'unreachable' || r.error.kind === 'timeout' || r.error.kind === 'server' || r.error.kind === 'cancelled' || r.error.kind === 'notConfigured';
      return { ok: false, kind: unreachable ? 'unreachable' : 'error', message: r.error.message };
    },
  };
}

export function alertmanagerAlerts(alertmanagers: () => readonly AlertmanagerClient[]): AlertsPort {
  return {
    async firingFor(t, signal): Promise<FiringAlert[] | undefined> {
      const clients = alertmanagers();
      if (!clients.length) return [];
      const answers = await Promise.all(clients.map((c) => c.alerts({ active: true, silenced: false, inhibited: false }, signal)));
      if (answers.every((a) => !a.ok)) return undefined;
      const seen = new Set<string>();
      const out: FiringAlert[] = [];
      for (const a of answers) {
        if (!a.ok) continue;
        for (const alert of a.value) {
          const l = alert.labels;
          const names = [l.service, l.deployment, l.app].filter(Boolean);
          if (!names.includes(t.service) && !names.includes(t.deployment)) continue;
          if (l.namespace && l.namespace !== t.namespace) continue;
          if (l.cluster && l.cluster !== t.context) continue;
          const id = `${l.alertname ?? ''}|${JSON.stringify(l)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          out.push({ name: l.alertname ?? 'unnamed alert', ...(l.severity ? { severity: l.severity } : {}), ...(alert.startsAt ? { since: alert.startsAt } : {}) });
        }
      }
      return out;
    },
  };
}
