// The columns and cells the real API server prints per kind (pkg/printers/internalversion), always
// in "wide" form: priority-1 columns are sent too and kubectl hides them unless -o wide.
import type { BuiltinResourceName, KubeObject } from '../../store/types';
import { formatLabelSelector, formatLabels, type LabelSelectorObject } from '../selectors/labelSelector';
import { translateTimestampSince } from './humanDuration';
import { AGE, age, col, CONTAINERS, containerCells, IMAGES, NAME, num } from './columns';
import { nodes } from './nodePrinter';
import { STORED_KIND_PRINTERS } from './storedKindPrinters';

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export type Cell = string | number | boolean;

export interface Printer {
  columns: ColumnDefinition[];
  cells(obj: KubeObject, now: Date): Cell[];
}

// Loose views of the fields the printers read; the store holds plain JSON.
type PodTemplateSpec = Parameters<typeof containerCells>[0];
interface ContainerState { waiting?: { reason?: string }; running?: object; terminated?: { reason?: string; signal?: number; exitCode?: number; finishedAt?: string } }
interface ContainerStatus { ready?: boolean; restartCount?: number; state?: ContainerState; lastState?: ContainerState }
interface PodStatus {
  phase?: string;
  reason?: string;
  podIPs?: { ip: string }[];
  podIP?: string;
  nominatedNodeName?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}
interface LoadBalancerStatus { ingress?: { ip?: string; hostname?: string }[] }

const spec = (o: KubeObject) => (o.spec ?? {});
const status = (o: KubeObject) => (o.status ?? {});

function loadBalancerString(lb: LoadBalancerStatus | undefined): string {
  return (lb?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s).join(',');
}

const SELECTOR = col('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1);

const deployments: Printer = {
  columns: [
    NAME,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'integer', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'integer', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE, CONTAINERS, IMAGES, SELECTOR,
  ],
  cells(o, now) {
    const s = status(o);
    const desired = typeof spec(o).replicas === 'number' ? num(spec(o).replicas) : 1;
    return [
      o.metadata.name, `${num(s.readyReplicas)}/${desired}`, num(s.updatedReplicas), num(s.availableReplicas), age(o, now),
      ...containerCells(spec(o).template as PodTemplateSpec), formatLabelSelector(spec(o).selector as LabelSelectorObject),
    ];
  },
};

const replicasets: Printer = {
  columns: [
    NAME,
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    AGE, CONTAINERS, IMAGES, SELECTOR,
  ],
  cells(o, now) {
    const s = status(o);
    const desired = typeof spec(o).replicas === 'number' ? num(spec(o).replicas) : 1;
    return [
      o.metadata.name, desired, num(s.replicas), num(s.readyReplicas), age(o, now),
      ...containerCells(spec(o).template as PodTemplateSpec), formatLabelSelector(spec(o).selector as LabelSelectorObject),
    ];
  },
};

const pods: Printer = {
  columns: [
    NAME,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE,
    col('IP', 'string', 'The IP address assigned to the pod', 1),
    col('Node', 'string', 'The name of the node assigned to the pod', 1),
    col('Nominated Node', 'string', 'The name of the node nominated by the scheduler', 1),
    col('Readiness Gates', 'string', 'The readiness gates of the pod', 1),
  ],
  cells(o, now) {
    const st = status(o) as PodStatus;
    const total = ((spec(o).containers as unknown[] | undefined) ?? []).length;
    let reason = st.reason || st.phase || '';
    let restarts = 0;
    let ready = 0;
    let lastRestart = '';
    const initStatuses = st.initContainerStatuses ?? [];
    let initializing = false;
    for (let i = 0; i < initStatuses.length; i++) {
      const c = initStatuses[i];
      restarts += c.restartCount ?? 0;
      const term = c.state?.terminated;
      if (term && term.exitCode === 0) continue;
      if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
      else reason = `Init:${i}/${initStatuses.length}`;
      initializing = true;
      break;
    }
    const initialized = (st.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
    if (!initializing || initialized) {
      restarts = 0;
      let hasRunning = false;
      const cs = st.containerStatuses ?? [];
      for (let i = cs.length - 1; i >= 0; i--) {
        const c = cs[i];
        restarts += c.restartCount ?? 0;
        const finished = c.lastState?.terminated?.finishedAt;
        if (finished && finished > lastRestart) lastRestart = finished;
        const term = c.state?.terminated;
        if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
        else if (term?.reason) reason = term.reason;
        else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
        else if (c.ready && c.state?.running) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason === 'Completed' && hasRunning) {
        reason = (st.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
      }
    }
    if (o.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
    else if (o.metadata.deletionTimestamp && st.phase !== 'Succeeded' && st.phase !== 'Failed') reason = 'Terminating';
    const restartsText = restarts !== 0 && lastRestart ? `${restarts} (${translateTimestampSince(lastRestart, now)} ago)` : String(restarts);
    const ip = st.podIPs?.[0]?.ip || st.podIP || '<none>';
    const gates = (spec(o).readinessGates as { conditionType: string }[] | undefined) ?? [];
    let gatesText = '<none>';
    if (gates.length > 0) {
      const trueConds = new Set((st.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type));
      gatesText = `${gates.filter((g) => trueConds.has(g.conditionType)).length}/${gates.length}`;
    }
    return [
      o.metadata.name, `${ready}/${total}`, reason, restartsText, age(o, now),
      ip, (spec(o).nodeName as string | undefined) || '<none>', st.nominatedNodeName || '<none>', gatesText,
    ];
  },
};

interface ServicePort { port?: number; nodePort?: number; protocol?: string }

const services: Printer = {
  columns: [
    NAME,
    col('Type', 'string', 'The type of service.'),
    col('Cluster-IP', 'string', 'The cluster IP of the service.'),
    col('External-IP', 'string', 'The external IP of the service.'),
    col('Port(s)', 'string', 'The ports of the service.'),
    AGE,
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(o, now) {
    const sp = spec(o);
    const type = (sp.type as string | undefined) ?? 'ClusterIP';
    const clusterIPs = (sp.clusterIPs as string[] | undefined) ?? (sp.clusterIP ? [sp.clusterIP as string] : []);
    const externalIPs = (sp.externalIPs as string[] | undefined) ?? [];
    let external = '<unknown>';
    if (type === 'ClusterIP' || type === 'NodePort') external = externalIPs.length ? externalIPs.join(',') : '<none>';
    else if (type === 'LoadBalancer') {
      const lb = loadBalancerString(status(o).loadBalancer as LoadBalancerStatus);
      const all = [...(lb ? lb.split(',') : []), ...externalIPs];
      external = all.length ? all.join(',') : '<pending>';
    } else if (type === 'ExternalName') external = (sp.externalName as string | undefined) ?? '';
    const ports = ((sp.ports as ServicePort[] | undefined) ?? [])
      .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
      .join(',');
    return [o.metadata.name, type, clusterIPs[0] ?? '<none>', external, ports || '<none>', age(o, now), formatLabels(sp.selector as Record<string, string>)];
  },
};

interface IngressRule { host?: string }

const ingresses: Printer = {
  columns: [
    NAME,
    col('Class', 'string', 'The name of the IngressClass resource.'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE,
  ],
  cells(o, now) {
    const sp = spec(o);
    const rules = (sp.rules as IngressRule[] | undefined) ?? [];
    const hosts: string[] = [];
    let more = false;
    for (const r of rules) {
      if (hosts.length === 3) more = true;
      if (!more && r.host) hosts.push(r.host);
    }
    let hostText = hosts.length ? hosts.join(',') : '*';
    if (more) hostText = `${hostText} + ${rules.length - 3} more...`;
    const tls = (sp.tls as unknown[] | undefined) ?? [];
    return [
      o.metadata.name, (sp.ingressClassName as string | undefined) ?? '<none>', hostText,
      loadBalancerString(status(o).loadBalancer as LoadBalancerStatus), tls.length ? '80, 443' : '80', age(o, now),
    ];
  },
};

const countKeys = (...maps: unknown[]) => maps.reduce<number>((n, m) => n + (m && typeof m === 'object' ? Object.keys(m).length : 0), 0);

const configmaps: Printer = {
  columns: [NAME, col('Data', 'integer', 'Data contains the configuration data.'), AGE],
  cells: (o, now) => [o.metadata.name, countKeys(o.data, o.binaryData), age(o, now)],
};

const secrets: Printer = {
  columns: [NAME, col('Type', 'string', 'The type of data stored in the secret'), col('Data', 'integer', 'The number of entries in the secret'), AGE],
  cells: (o, now) => [o.metadata.name, (o.type as string | undefined) ?? 'Opaque', countKeys(o.data), age(o, now)],
};

const namespaces: Printer = {
  columns: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
  cells: (o, now) => [o.metadata.name, (status(o).phase as string | undefined) ?? '', age(o, now)],
};

interface EventFields {
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
  reportingController?: string;
  reportingInstance?: string;
}

const events: Printer = {
  columns: [
    col('Last Seen', 'string', 'The last time the event was seen'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', 'string', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'The subobject that this event is about', 1),
    col('Source', 'string', 'The component reporting this event.', 1),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The first time the event was seen', 1),
    col('Count', 'integer', 'The number of times this event has occurred.', 1),
    col('Name', 'string', NAME.description, 1, 'name'),
  ],
  cells(o, now) {
    const e = o as unknown as EventFields;
    const first = e.firstTimestamp ? translateTimestampSince(e.firstTimestamp, now) : translateTimestampSince(e.eventTime, now);
    let last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const io = e.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    const src = e.source?.component
      ? e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component
      : e.reportingController
        ? e.reportingInstance ? `${e.reportingController}, ${e.reportingInstance}` : e.reportingController
        : '';
    return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', src, (e.message ?? '').trim(), first, count, o.metadata.name];
  },
};

// The real server prints CRDs with the generic table: NAME and CREATED AT.
const customresourcedefinitions: Printer = {
  columns: [NAME, col('Created At', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};

export const PRINTERS: Readonly<Record<BuiltinResourceName, Printer>> = {
  deployments, replicasets, pods, services, ingresses, configmaps, secrets, namespaces, events, customresourcedefinitions, nodes,
  ...STORED_KIND_PRINTERS,
};
