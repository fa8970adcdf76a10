// Previous Logs: which container to read (the one that last terminated, for a crash loop), and the text of the
// document — the last instance's log under a header saying how it ended, or, when there is no previous instance,
// the API server's own words and what they mean. Pure.
import type { V1Pod } from '@kubernetes/client-node';
import { describeTime } from './describeLayout';

export interface ContainerChoice {
  name: string;
  restarts: number;
  /** "Error, exit code 1 at Thu, 03 Dec 2026 18:20:00 +0000" when it has a terminated last state. */
  lastEnd?: string;
}

/** The pod's containers, those that terminated before first (most restarts first), then the rest in spec order. */
export function previousLogChoices(pod: V1Pod): ContainerChoice[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const choices = (pod.spec?.containers ?? []).map((c, i) => {
    const s = statuses.find((x) => x.name === c.name);
    const t = s?.lastState?.terminated;
    const lastEnd = t ? `${t.reason ?? 'Terminated'}, exit code ${t.exitCode}${t.finishedAt ? ` at ${describeTime(t.finishedAt)}` : ''}` : undefined;
    return { choice: { name: c.name, restarts: s?.restartCount ?? 0, ...(lastEnd ? { lastEnd } : {}) }, i };
  });
  return choices.sort((a, b) => Number(!!b.choice.lastEnd) - Number(!!a.choice.lastEnd) || b.choice.restarts - a.choice.restarts || a.i - b.i).map((c) => c.choice);
}

/** True for the API server's answer when the container has no terminated instance (kubelet: "previous terminated container … not found"). */
export function isNoPreviousContainer(message: string): boolean {
  return /previous terminated container .* not found/i.test(message);
}

export interface PreviousLogResult {
  context: string;
  namespace: string;
  pod: string;
  container: string;
  choice?: ContainerChoice;
  /** The log text, or the error the API server returned. */
  log: { text: string; truncated: boolean } | { error: string; hint?: string };
}

export function previousLogText(r: PreviousLogResult, readAt: Date): string {
  const where = `pod/${r.pod} container ${r.container} in ${r.namespace} (${r.context})`;
  const header = `# Previous logs of ${where}, read ${readAt.toISOString()} — kubectl logs ${r.pod} -c ${r.container} --previous`;
  if ('error' in r.log) {
    if (isNoPreviousContainer(r.log.error)) {
      return `${header}\n\nThere is no previous container: ${r.container} has not terminated and restarted in this pod${r.choice ? ` (${r.choice.restarts} restarts)` : ''}, so there is nothing to read.\nThe API server said: ${r.log.error}\n\nUse Tail Logs for the running container's log.\n`;
    }
    return `${header}\n\nCould not read the previous logs: ${r.log.error}\n${r.log.hint ?? ''}\n`;
  }
  const ended = r.choice?.lastEnd ? `# It ended: ${r.choice.lastEnd}; ${r.choice.restarts} restart${r.choice.restarts === 1 ? '' : 's'} so far.\n` : '';
  const cut = r.log.truncated ? '# (cut at the size limit: only the first part of the log is shown)\n' : '';
  const body = r.log.text === '' ? '(the previous container wrote nothing)\n' : r.log.text.endsWith('\n') ? r.log.text : `${r.log.text}\n`;
  return `${header}\n${ended}${cut}\n${body}`;
}
