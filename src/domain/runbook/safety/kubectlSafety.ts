// kubectl and helm commands: which verbs only read, which change or destroy, and which contexts they reach.
import { type Args, flagValue, hasFlag, parseArgs } from './commandArgs';
import type { Word } from './shellSyntax';
import type { Findings } from './verdict';

/** kubectl's global flags and the common ones of its verbs that take a value (the rest are unknown before the verb). */
const KUBECTL_VALUE_FLAGS = new Set([
  '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '--as', '--as-group', '--as-uid',
  '--request-timeout', '-v', '--v', '--cache-dir', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name',
  '--username', '--password', '--profile', '--profile-output', '--log-file', '--vmodule', '-o', '--output', '-l', '--selector', '-f',
  '--filename', '-c', '--container', '-p', '--patch', '-L', '--label-columns', '-k', '--kustomize', '--field-selector', '--replicas',
  '--sort-by', '--tail', '--since', '--since-time', '--to-revision', '--revision', '--timeout', '--type', '--image',
  '--for', '--template', '--grace-period', '--prune-allowlist', '--field-manager', '--subresource', '--chunk-size', '--max-log-requests',
]);
const KUBECTL_BOOL_FLAGS = new Set([
  '-A', '--all-namespaces', '-w', '--watch', '--watch-only', '-i', '--stdin', '-t', '--tty', '-R', '--recursive', '--insecure-skip-tls-verify',
  '--all', '--overwrite', '--force', '--prune', '--no-headers', '--show-labels', '--wide', '--record', '--local', '--follow', '--previous',
  '--timestamps', '--prefix', '--all-containers', '--ignore-daemonsets', '--delete-emptydir-data', '--ignore-not-found', '--wait',
  '--server-side', '--force-conflicts', '--warnings-as-errors', '--match-server-version', '--disable-compression',
  // --dry-run alone means client; its value only comes after "=" (it never takes the next word).
  '--dry-run',
]);

const READ_VERBS = new Set(['get', 'describe', 'logs', 'log', 'top', 'explain', 'version', 'api-resources', 'api-versions', 'cluster-info', 'diff', 'events', 'wait', 'kustomize', 'completion', 'options', 'help']);
const READ_SUBVERBS: Record<string, ReadonlySet<string>> = {
  rollout: new Set(['status', 'history']),
  config: new Set(['view', 'current-context', 'get-contexts', 'get-clusters', 'get-users']),
  auth: new Set(['can-i', 'whoami']),
  plugin: new Set(['list']),
};
/** Verbs with subverbs that change things, by subverb; destructive ones named separately. */
const CHANGING_SUBVERBS: Record<string, ReadonlySet<string>> = {
  rollout: new Set(['restart', 'pause', 'resume', 'undo']),
  config: new Set(['use-context', 'use', 'set-context', 'set', 'unset', 'set-cluster', 'set-credentials', 'delete-context', 'delete-cluster', 'delete-user', 'rename-context']),
  auth: new Set(['reconcile']),
};
const CHANGING_VERBS = new Set([
  'apply', 'create', 'replace', 'patch', 'edit', 'label', 'annotate', 'set', 'scale', 'autoscale', 'cordon', 'uncordon', 'taint', 'expose',
  'run', 'exec', 'cp', 'attach', 'debug', 'port-forward', 'proxy', 'certificate', 'delete', 'drain',
]);
/** Verbs whose --dry-run=client|server sends nothing that persists. */
const DRY_RUNNABLE = new Set(['apply', 'create', 'replace', 'patch', 'label', 'annotate', 'set', 'scale', 'autoscale', 'cordon', 'uncordon', 'taint', 'expose', 'run', 'delete', 'drain', 'rollout']);

export function judgeKubectl(words: readonly Word[], f: Findings): void {
  const args = parseArgs(words, { value: KUBECTL_VALUE_FLAGS, bool: KUBECTL_BOOL_FLAGS });
  noteKubeReach(args, f, '--context');
  const [verb, sub] = args.positional;
  const needed = verb && !verb.dynamic && (verb.text in READ_SUBVERBS || verb.text in CHANGING_SUBVERBS) ? 2 : 1;
  if (!verb) return; // `kubectl` alone prints its help
  if (args.ambiguousFrom < needed) return f.add('unknown', 'kubectl with a flag the classifier does not know before its verb');
  if (verb.dynamic || (needed === 2 && (!sub || sub.dynamic))) return f.add('unknown', 'kubectl with a verb from a variable or expansion');
  const v = verb.text;
  if (READ_VERBS.has(v)) return;
  if (needed === 2) {
    if (READ_SUBVERBS[v]?.has(sub.text)) return;
    if (!CHANGING_SUBVERBS[v]?.has(sub.text)) return f.add('unknown', `kubectl ${v} ${sub.text} is not known to be read-only`);
  } else if (!CHANGING_VERBS.has(v)) return f.add('unknown', `kubectl ${v} is not known to be read-only`);
  if (DRY_RUNNABLE.has(v) && isDryRun(args)) return;
  if (v === 'config') f.unknownContext(`kubectl config ${sub.text} changes which cluster later commands reach`);
  if (v === 'delete' || v === 'drain') return f.add('destructive', `kubectl ${v}`);
  if (v === 'rollout' && sub.text === 'undo') return f.add('destructive', 'kubectl rollout undo');
  if (v === 'apply' && hasFlag(args, '--prune')) return f.add('destructive', 'kubectl apply --prune');
  if (v === 'replace' && hasFlag(args, '--force')) return f.add('destructive', 'kubectl replace --force');
  if (v === 'scale') {
    const replicas = flagValue(args, '--replicas');
    if (replicas === undefined || replicas === true || replicas.dynamic) return f.add('destructive', 'kubectl scale --replicas=(a value that may be 0)');
    if (Number(replicas.text) === 0) return f.add('destructive', 'kubectl scale --replicas=0');
  }
  f.add('mutating', needed === 2 ? `kubectl ${v} ${sub.text}` : `kubectl ${v}`);
}

const HELM_VALUE_FLAGS = new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '--kube-apiserver', '--kube-token', '--kube-as-user', '--kube-as-group', '--kube-ca-file', '--repository-config', '--repository-cache', '--registry-config', '-o', '--output', '--revision', '--max', '-f', '--values', '--set', '--version', '--timeout']);
const HELM_BOOL_FLAGS = new Set(['--debug', '-A', '--all-namespaces', '-a', '--all', '--kube-insecure-skip-tls-verify']);
const HELM_READ = new Set(['list', 'ls', 'status', 'history', 'hist', 'get', 'show', 'inspect', 'template', 'version', 'search', 'env', 'lint', 'verify', 'help', 'completion']);
const HELM_DESTRUCTIVE = new Set(['uninstall', 'delete', 'del', 'un', 'rollback']);
const HELM_CHANGING = new Set(['install', 'upgrade', 'test']);

export function judgeHelm(words: readonly Word[], f: Findings): void {
  const args = parseArgs(words, { value: HELM_VALUE_FLAGS, bool: HELM_BOOL_FLAGS });
  noteKubeReach(args, f, '--kube-context');
  const [verb, sub] = args.positional;
  if (!verb) return;
  if (args.ambiguousFrom < 1 || verb.dynamic) return f.add('unknown', 'helm with a verb the classifier cannot tell');
  if (HELM_READ.has(verb.text)) return;
  if ((verb.text === 'repo' || verb.text === 'plugin' || verb.text === 'dependency') && sub && !sub.dynamic && (sub.text === 'list' || sub.text === 'ls')) return;
  if (HELM_DESTRUCTIVE.has(verb.text)) return f.add('destructive', `helm ${verb.text}`);
  if (HELM_CHANGING.has(verb.text)) return f.add('mutating', `helm ${verb.text}`);
  f.add('unknown', `helm ${verb.text} is not known to be read-only`);
}

/** The contexts a kubectl/helm command names, and whatever makes its target unknowable. */
function noteKubeReach(args: Args, f: Findings, contextFlag: string): void {
  const ctx = flagValue(args, contextFlag);
  if (ctx !== undefined && ctx !== true) {
    if (ctx.dynamic) f.unknownContext(`${contextFlag} from a variable`);
    else f.context(ctx.text);
  }
  for (const flag of ['--kubeconfig', '--server', '-s', '--cluster', '--user', '--token', '--kube-apiserver', '--kube-token']) {
    if (args.flags.has(flag)) f.unknownContext(`${flag} points it at another cluster or identity`);
  }
  if (args.flagFromVariable) f.unknownContext('a flag from a variable may point it at another cluster (--context, --kubeconfig)');
}

function isDryRun(args: Args): boolean {
  const v = flagValue(args, '--dry-run');
  if (v === true) return true; // bare --dry-run is client
  return v !== undefined && !v.dynamic && (v.text === 'client' || v.text === 'server');
}
