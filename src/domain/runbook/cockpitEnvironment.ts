// The environment the cockpit gives shell steps: kubectl pointed at the selected context and namespace
// through a KUBECONFIG override file (the user's kubeconfig is never rewritten), and the service endpoints.
import { existsSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';

export interface CockpitEnvironmentInput {
  /** The cockpit's merged kubeconfig files, in kubectl's order. */
  kubeconfigFiles: readonly string[];
  /** The selected context with its cluster and user names, when there is one. */
  context?: { name: string; cluster: string; user: string };
  namespace?: string;
  prometheusUrl: string;
  alertmanagerUrls: readonly string[];
  platformApiUrl: string;
  database: { host: string; port: number; database: string; user: string; sslmode: string };
  databasePassword?: string;
}

export interface CockpitEnvironment {
  /** Variables the session keeps unless the user changes them. */
  managed: Record<string, string>;
  /** Variables passed to each step's process only, never kept (PGPASSWORD). */
  secret: Record<string, string>;
}

/**
 * Writes `dir/kubeconfig-override.yaml`: only current-context and the selected context (its cluster and user
 * by name, the selected namespace). Listed first in KUBECONFIG it wins kubectl's merge, and the credentials
 * still come from the user's own files; `kubectl config use-context` in a step writes to it, not to theirs.
 */
export function writeKubeOverride(dir: string, input: Pick<CockpitEnvironmentInput, 'kubeconfigFiles' | 'context' | 'namespace'>): string {
  const files = input.kubeconfigFiles.filter((f) => existsSync(f));
  if (!input.context) return files.join(delimiter);
  const file = join(dir, 'kubeconfig-override.yaml');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': input.context.name,
    contexts: [{ name: input.context.name, context: { cluster: input.context.cluster, user: input.context.user, namespace: input.namespace ?? 'default' } }],
  };
  writeFileSync(file, stringify(config), { mode: 0o600 });
  return [file, ...files].join(delimiter);
}

export function cockpitEnvironment(input: CockpitEnvironmentInput, kubeconfig: string): CockpitEnvironment {
  const managed: Record<string, string> = {};
  const set = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') managed[k] = String(v);
  };
  set('KUBECONFIG', kubeconfig);
  set('PHOENIX_CONTEXT', input.context?.name);
  set('PHOENIX_NAMESPACE', input.namespace);
  set('PROMETHEUS_URL', input.prometheusUrl);
  set('ALERTMANAGER_URL', input.alertmanagerUrls[0]);
  set('PLATFORM_API_URL', input.platformApiUrl);
  const db = input.database;
  if (db.host) {
    set('PGHOST', db.host);
    set('PGPORT', db.port);
    set('PGDATABASE', db.database);
    set('PGUSER', db.user);
    set('PGSSLMODE', db.sslmode);
    // The guides' names for the same things.
    set('DB_HOST', db.host);
    set('DB_PORT', db.port);
    set('DB_NAME', db.database);
    set('DB_USER', db.user);
  }
  return { managed, secret: input.databasePassword ? { PGPASSWORD: input.databasePassword } : {} };
}
