// Describe Pod: what `kubectl describe pod` prints — the pod's identity and placement, each container (image, state,
// last state with reason and exit code, ready, restarts, resources, environment, mounts), conditions, volumes, QoS,
// tolerations and the pod's events — laid out the way kubectl lays it out, so an engineer reads it the same. Pure.
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { describeTime, field, heading, layoutFields, layoutTable, mapLines, type Field } from './describeLayout';
import { containerFields } from './describeContainers';
import { volumeFields } from './describeVolumes';
import { shortAge, timeMs } from '../workloads/objectMeta';

export interface DescribeInput {
  pod: V1Pod;
  /** The pod's events (any order; those of other objects are left out), or why they could not be read. */
  events: readonly CoreV1Event[] | { error: string };
  nowMs: number;
}

export function describePod({ pod, events, nowMs }: DescribeInput): string {
  const m = pod.metadata ?? {};
  const spec = pod.spec;
  const st = pod.status ?? {};
  const top: Field[] = [
    field(0, 'Name', m.name),
    field(0, 'Namespace', m.namespace),
    field(0, 'Priority', spec?.priority ?? 0),
  ];
  if (spec?.priorityClassName) top.push(field(0, 'Priority Class Name', spec.priorityClassName));
  top.push(
    field(0, 'Service Account', spec?.serviceAccountName),
    field(0, 'Node', spec?.nodeName ? `${spec.nodeName}${st.hostIP ? `/${st.hostIP}` : ''}` : undefined),
  );
  if (st.startTime) top.push(field(0, 'Start Time', describeTime(st.startTime)));
  top.push(field(0, 'Labels', mapLines(m.labels)), field(0, 'Annotations', mapLines(m.annotations, ': ')));
  top.push(field(0, 'Status', statusText(pod, nowMs)));
  if (st.reason) top.push(field(0, 'Reason', st.reason));
  if (st.message) top.push(field(0, 'Message', st.message));
  top.push(field(0, 'IP', st.podIP));
  const ips = st.podIPs ?? [];
  if (ips.length) {
    top.push(heading(0, 'IPs'));
    for (const ip of ips) top.push(field(1, 'IP', ip.ip));
  } else top.push(field(0, 'IPs', undefined));
  const owner = m.ownerReferences?.find((r) => r.controller);
  if (owner) top.push(field(0, 'Controlled By', `${owner.kind}/${owner.name}`));

  const blocks = [layoutFields(top)];
  if (spec?.initContainers?.length) blocks.push(layoutFields([heading(0, 'Init Containers'), ...spec.initContainers.flatMap((c) => containerFields(pod, c, st.initContainerStatuses ?? []))]));
  blocks.push(layoutFields([heading(0, 'Containers'), ...(spec?.containers ?? []).flatMap((c) => containerFields(pod, c, st.containerStatuses ?? []))]));
  const conditions = st.conditions ?? [];
  blocks.push(conditions.length ? `Conditions:\n${layoutTable(1, ['Type', 'Status'], conditions.map((c) => [c.type, c.status]))}` : 'Conditions:  <none>');
  blocks.push(layoutFields(volumeFields(spec?.volumes ?? [])));
  blocks.push(
    layoutFields([
      field(0, 'QoS Class', st.qosClass),
      field(0, 'Node-Selectors', mapLines(spec?.nodeSelector)),
      field(0, 'Tolerations', (spec?.tolerations ?? []).map(tolerationText).join('\n') || undefined),
    ]),
  );
  blocks.push(eventsBlock(pod, events, nowMs));
  return `${blocks.join('\n')}\n`;
}

/** The phase, or "Terminating (lasts 12s)" once deleted, as kubectl says it. */
function statusText(pod: V1Pod, nowMs: number): string {
  const deleted = timeMs(pod.metadata?.deletionTimestamp);
  if (deleted !== undefined) return `Terminating (lasts ${shortAge(deleted, nowMs)})`;
  return pod.status?.phase ?? 'Unknown';
}

function tolerationText(t: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s.trim();
}

/** The pod's events oldest first (kubectl's order): "Age" is since the last one, "(x3 over 10m)" when repeated. */
function eventsBlock(pod: V1Pod, events: DescribeInput['events'], nowMs: number): string {
  if ('error' in events) return `Events:  could not be read: ${events.error}`;
  const name = pod.metadata?.name;
  const uid = pod.metadata?.uid;
  const own = events.filter((e) => e.involvedObject?.name === name && (e.involvedObject?.kind ?? 'Pod') === 'Pod' && (!uid || !e.involvedObject?.uid || e.involvedObject.uid === uid));
  if (!own.length) return 'Events:  <none>';
  const at = (e: CoreV1Event) => timeMs(e.lastTimestamp) ?? timeMs(e.eventTime as unknown as string) ?? timeMs(e.firstTimestamp) ?? timeMs(e.metadata?.creationTimestamp) ?? 0;
  const rows = [...own]
    .sort((a, b) => at(a) - at(b))
    .map((e) => {
      const count = e.count ?? e.series?.count ?? 1;
      const first = timeMs(e.firstTimestamp) ?? timeMs(e.eventTime as unknown as string);
      const age = count > 1 && first !== undefined ? `${shortAge(at(e), nowMs)} (x${count} over ${shortAge(first, nowMs)})` : shortAge(at(e), nowMs);
      const from = e.source?.component || e.reportingComponent || '';
      return [e.type ?? '', e.reason ?? '', age, from, (e.message ?? '').replace(/\s+/g, ' ').trim()];
    });
  return `Events:\n${layoutTable(1, ['Type', 'Reason', 'Age', 'From', 'Message'], rows, ['----', '------', '----', '----', '-------'])}`;
}
