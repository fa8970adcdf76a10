// What the rollout driver needs from the world, as small interfaces: the cluster (RolloutsClient fits),
// Prometheus (an instant query as a QueryAnswer), Alertmanager (alerts firing for a service), the
// audit log, the clock. The VS Code side and the tests pass real clients or fakes.
import type { RolloutsClient } from '../../../clients/kubernetes/rolloutsClient';
import type { QueryAnswer } from '../verdicts';

export type RolloutKube = Pick<RolloutsClient, 'context' | 'get' | 'list' | 'create' | 'patch' | 'delete' | 'listPods'>;

export interface MetricsPort {
  query(expr: string, signal?: AbortSignal): Promise<QueryAnswer>;
}

export interface FiringAlert {
  name: string;
  severity?: string;
  /** ISO time it started firing. */
  since?: string;
}

export interface AlertsPort {
  /** Alerts firing (not silenced) whose labels name this service; undefined when Alertmanager could not be asked. */
  firingFor(target: { context: string; namespace: string; service: string; deployment: string }, signal?: AbortSignal): Promise<FiringAlert[] | undefined>;
}

export interface AuditPort {
  record(r: { context: string; namespace: string; object: string; action: string; outcome: 'succeeded' | 'failed'; detail?: string }): void;
}

export interface DriverEnv {
  metrics: MetricsPort;
  alerts?: AlertsPort;
  audit: AuditPort;
  /** Who this cockpit is in leases: "alice@laptop (window 3f2a)". */
  identity: string;
  now(): number;
  log(line: string): void;
  /** False while this cockpit may not change anything (read-only mode): it then only observes. */
  mayDrive?(): boolean;
}
