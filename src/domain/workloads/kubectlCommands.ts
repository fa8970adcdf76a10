// "Copy kubectl command": the kubectl lines an engineer would type for the selected object, with its
// context and namespace spelled out, quoted for a POSIX shell. Names come from the server: they are always
// written as kind/name (or a flag's value), so a name like "--context=prod" can never be read as a flag. Pure.

export interface KubectlTarget {
  context: string;
  namespace: string;
  kind: 'deployment' | 'pod' | 'replicaset';
  name: string;
  /** The deployment's label selector (for pods and logs of a deployment). */
  selector?: string;
  replicas?: number;
}

export interface KubectlCommand {
  /** Short key, also what automation passes to pick one. */
  key: string;
  label: string;
  command: string;
}

export function kubectlCommandsFor(t: KubectlTarget): KubectlCommand[] {
  const base = ['kubectl', `--context=${t.context}`, '-n', t.namespace];
  const line = (...args: string[]) => [...base, ...args].map(shellQuote).join(' ');
  const ref = `${t.kind}/${t.name}`;
  const common = [
    { key: 'describe', label: `Describe ${t.kind}`, command: line('describe', ref) },
    { key: 'yaml', label: 'Get as YAML', command: line('get', ref, '-o', 'yaml') },
  ];
  if (t.kind === 'pod') {
    return [
      ...common,
      { key: 'logs', label: 'Follow logs (all containers)', command: line('logs', '-f', ref, '--all-containers', '--timestamps') },
      { key: 'previous', label: 'Logs of the previous (crashed) container', command: line('logs', ref, '--previous', '--all-containers') },
      { key: 'events', label: 'Events of the pod', command: line('get', 'events', `--field-selector=involvedObject.name=${t.name}`, '--sort-by=.lastTimestamp') },
      { key: 'delete', label: 'Delete the pod (its ReplicaSet replaces it)', command: line('delete', ref) },
    ];
  }
  if (t.kind === 'replicaset') return common;
  const sel = t.selector ?? `app=${t.name}`;
  return [
    { key: 'status', label: 'Rollout status', command: line('rollout', 'status', ref) },
    { key: 'history', label: 'Rollout history', command: line('rollout', 'history', ref) },
    { key: 'pods', label: 'Pods of the deployment', command: line('get', 'pods', '-l', sel, '-o', 'wide') },
    { key: 'logs', label: 'Follow logs of all its pods', command: line('logs', '-f', '-l', sel, '--prefix', '--all-containers', '--max-log-requests=50') },
    ...common,
    { key: 'restart', label: 'Rollout restart', command: line('rollout', 'restart', ref) },
    { key: 'scale', label: 'Scale', command: line('scale', ref, `--replicas=${t.replicas ?? 1}`) },
    { key: 'undo', label: 'Roll back to the previous revision', command: line('rollout', 'undo', ref) },
  ];
}

/** Quotes an argument for sh/bash/zsh only when it needs it. */
export function shellQuote(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
