// Builds the platform area's clients from the settings (URLs, timeouts) and SecretStorage (tokens, database password); rebuilt when those settings change.
import { AlertmanagerClient } from '../../clients/alertmanager/alertmanagerClient';
import { PlatformClient } from '../../clients/platform/platformClient';
import { TaskQueueClient } from '../../clients/platform/taskQueueClient';
import { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import { type CockpitSecrets, databaseKey } from '../secrets';
import type { Settings } from '../settings';

export interface PlatformClients {
  alertmanagers: AlertmanagerClient[];
  prometheus?: PrometheusClient;
  platform?: PlatformClient;
  taskQueue?: TaskQueueClient;
}

/** The settings keys whose change rebuilds the clients. */
export const CLIENT_SETTING_KEYS = ['alertmanager.urls', 'prometheus.url', 'platformApi.url', 'database', 'requestTimeoutSeconds', 'maxResponseMB'] as const;

export function buildPlatformClients(s: Settings, secrets: CockpitSecrets): PlatformClients {
  const timeoutMs = s.requestTimeoutMs;
  const maxResponseBytes = s.maxResponseBytes;
  return {
    alertmanagers: s.alertmanagerUrls.map((baseUrl) => new AlertmanagerClient({ baseUrl, timeoutMs, maxResponseBytes, token: (url) => secrets.apiToken('alertmanager', url) })),
    ...(s.prometheusUrl ? { prometheus: new PrometheusClient({ baseUrl: s.prometheusUrl, timeoutMs, maxResponseBytes, token: (url) => secrets.apiToken('prometheus', url) }) } : {}),
    ...(s.platformApiUrl ? { platform: new PlatformClient({ baseUrl: s.platformApiUrl, timeoutMs, maxResponseBytes, token: (url) => secrets.apiToken('platformApi', url) }) } : {}),
    ...(s.database.host
      ? {
          taskQueue: new TaskQueueClient(async () => ({
            ...s.database,
            password: await secrets.databasePassword(databaseKey(s.database)),
            connectTimeoutMs: timeoutMs,
            statementTimeoutMs: timeoutMs,
          })),
        }
      : {}),
  };
}
