// Shell / Exec…: the argv of `kubectl exec -it` (never a shell string: every name is its own argument, values are
// bound to their flags with "=", and a name kubectl could read as a flag is refused), the shell fallback, and which
// containers of a pod can take a shell. Pure.
import type { V1Pod } from '@kubernetes/client-node';
import { err, ok, type Result } from '../../core/result';

/** bash where the image has it, else sh: one argv, run by the container's /bin/sh. */
export const SHELL_FALLBACK: readonly string[] = ['/bin/sh', '-c', 'if [ -x /bin/bash ]; then exec /bin/bash; else exec /bin/sh; fi'];

export interface ExecTarget {
  context: string;
  namespace: string;
  pod: string;
  container: string;
}

// Kubernetes names: a pod is a DNS subdomain, a namespace and a container a DNS label.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * `exec -i -t <pod> --container=<c> --context=<ctx> --namespace=<ns> -- <command…>`. A context name is free text in
 * a kubeconfig, so it is only ever passed bound to its flag; the pod is positional, so it must be a valid name.
 */
export function execArgs(t: ExecTarget, command: readonly string[] = SHELL_FALLBACK): Result<string[], string> {
  if (!DNS_SUBDOMAIN.test(t.pod)) return err(`"${t.pod}" is not a valid pod name`);
  if (!DNS_LABEL.test(t.namespace)) return err(`"${t.namespace}" is not a valid namespace name`);
  if (!DNS_LABEL.test(t.container)) return err(`"${t.container}" is not a valid container name`);
  // A kubeconfig context name: anything printable; a line break or NUL would forge lines in the audit log or argv.
  if (t.context === '' || /[\0-\x1f\x7f]/.test(t.context)) return err('the context name is empty or has control characters');
  if (command.length === 0 || command[0] === '') return err('no command to run');
  return ok(['exec', '-i', '-t', t.pod, `--container=${t.container}`, `--context=${t.context}`, `--namespace=${t.namespace}`, '--', ...command]);
}

/** How `kubectl exec` would be typed, for the terminal's first line and the audit detail (display only, never run). */
export function displayCommand(kubectl: string, args: readonly string[]): string {
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return [kubectl, ...args].map(quote).join(' ');
}

export interface ExecContainer {
  name: string;
  running: boolean;
  /** "running", "waiting: CrashLoopBackOff", "terminated: Error", "not started". */
  state: string;
  /** kubectl's default container (the kubectl.kubernetes.io/default-container annotation). */
  isDefault: boolean;
}

/** The pod's containers (init containers not listed: they have ended in a running pod), default first, then running. */
export function execContainers(pod: V1Pod): ExecContainer[] {
  const def = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const list = (pod.spec?.containers ?? []).map((c) => {
    const st = statuses.get(c.name)?.state;
    const state = st?.running ? 'running' : st?.waiting ? `waiting: ${st.waiting.reason ?? 'Waiting'}` : st?.terminated ? `terminated: ${st.terminated.reason ?? 'Terminated'}` : 'not started';
    return { name: c.name, running: !!st?.running, state, isDefault: c.name === def };
  });
  // Array.prototype.sort is stable: equals keep spec order.
  return list.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || Number(b.running) - Number(a.running));
}

/** Why a shell cannot be opened in the pod at all (kubectl refuses completed pods), or undefined. */
export function execRefusal(pod: V1Pod): string | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return `pod ${pod.metadata?.name ?? ''} has completed (phase ${phase}): there is no running container to open a shell in`;
  if ((pod.spec?.containers ?? []).length === 0) return `pod ${pod.metadata?.name ?? ''} has no containers`;
  return undefined;
}
