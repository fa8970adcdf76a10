// Columns of the kinds the simulator stores without controllers (StatefulSets … PVCs), as the real API server
// prints them (pkg/printers/internalversion): kubectl get shows what it shows against a real cluster.
import type { KubeObject } from '../../store/types';
import { formatLabelSelector, type LabelSelectorObject } from '../selectors/labelSelector';
import { AGE, age, col, CONTAINERS, containerCells, IMAGES, NAME, num } from './columns';
import { translateTimestampSince } from './humanDuration';
import type { Printer } from './printers';

const SELECTOR = col('Selector', 'string', 'Label selector for pods.', 1);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown, none = '<none>'): string => (typeof v === 'string' && v ? v : none);

const selector = (o: KubeObject) => formatLabelSelector(obj(o.spec).selector as LabelSelectorObject) || '<none>';

const statefulsets: Printer = {
  columns: [NAME, col('Ready', 'string', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
  cells: (o, now) => {
    const desired = typeof obj(o.spec).replicas === 'number' ? num(obj(o.spec).replicas) : 1;
    return [o.metadata.name, `${num(obj(o.status).readyReplicas)}/${desired}`, age(o, now), ...containerCells(obj(o.spec).template as Parameters<typeof containerCells>[0])];
  },
};

const daemonsets: Printer = {
  columns: [
    NAME,
    col('Desired', 'integer', 'The desired number of nodes that should be running the daemon pod.'),
    col('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    col('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
    col('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    AGE, CONTAINERS, IMAGES, SELECTOR,
  ],
  cells: (o, now) => {
    const s = obj(o.status);
    const nodeSelector = Object.entries(obj(obj(obj(obj(o.spec).template).spec).nodeSelector)).map(([k, v]) => `${k}=${String(v)}`).join(',');
    return [
      o.metadata.name, num(s.desiredNumberScheduled), num(s.currentNumberScheduled), num(s.numberReady), num(s.updatedNumberScheduled), num(s.numberAvailable),
      nodeSelector || '<none>', age(o, now), ...containerCells(obj(o.spec).template as Parameters<typeof containerCells>[0]), selector(o),
    ];
  },
};

const cronjobs: Printer = {
  columns: [
    NAME,
    col('Schedule', 'string', 'The schedule in Cron format.'),
    col('Timezone', 'string', 'The time zone name for the given schedule.'),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    AGE, CONTAINERS, IMAGES, SELECTOR,
  ],
  cells: (o, now) => {
    const sp = obj(o.spec);
    const st = obj(o.status);
    const last = typeof st.lastScheduleTime === 'string' ? translateTimestampSince(st.lastScheduleTime, now) : '<none>';
    const template = obj(obj(sp.jobTemplate).spec).template;
    return [
      o.metadata.name, text(sp.schedule, ''), text(sp.timeZone), sp.suspend === true ? 'True' : 'False', ((st.active as unknown[] | undefined) ?? []).length, last, age(o, now),
      ...containerCells(template as Parameters<typeof containerCells>[0]), formatLabelSelector(obj(obj(sp.jobTemplate).spec).selector as LabelSelectorObject) || '<none>',
    ];
  },
};

const jobs: Printer = {
  columns: [
    NAME,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The desired number of successfully finished pods the job should be run with.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE, CONTAINERS, IMAGES, SELECTOR,
  ],
  cells: (o, now) => {
    const sp = obj(o.spec);
    const st = obj(o.status);
    const conditions = (st.conditions as Array<{ type?: string; status?: string }> | undefined) ?? [];
    const isTrue = (t: string) => conditions.some((c) => c.type === t && c.status === 'True');
    const status = isTrue('Complete') ? 'Complete' : isTrue('Failed') ? 'Failed' : sp.suspend === true ? 'Suspended' : 'Running';
    const completions = `${num(st.succeeded)}/${typeof sp.completions === 'number' ? sp.completions : 1}`;
    const start = typeof st.startTime === 'string' ? st.startTime : undefined;
    const end = typeof st.completionTime === 'string' ? new Date(st.completionTime) : now;
    const duration = start ? translateTimestampSince(start, end) : '';
    return [o.metadata.name, status, completions, duration, age(o, now), ...containerCells(sp.template as Parameters<typeof containerCells>[0]), selector(o)];
  },
};

interface MetricTarget { type?: string; resource?: { name?: string; target?: { averageUtilization?: number; averageValue?: string } } }

const horizontalpodautoscalers: Printer = {
  columns: [
    NAME,
    col('Reference', 'string', 'Reference to the scaled object.'),
    col('Targets', 'string', 'The current and target utilization.'),
    col('MinPods', 'string', 'The lower limit for the number of pods that can be set by the autoscaler.'),
    col('MaxPods', 'integer', 'The upper limit for the number of pods that can be set by the autoscaler.'),
    col('Replicas', 'integer', 'Current number of replicas of pods managed by this autoscaler.'),
    AGE,
  ],
  cells: (o, now) => {
    const sp = obj(o.spec);
    const ref = obj(sp.scaleTargetRef);
    const metrics = (sp.metrics as MetricTarget[] | undefined) ?? [];
    const targets = metrics
      .map((m) => (m.type === 'Resource' && m.resource ? `${m.resource.name ?? ''}: <unknown>/${m.resource.target?.averageUtilization !== undefined ? `${m.resource.target.averageUtilization}%` : (m.resource.target?.averageValue ?? '')}` : '<unknown>'))
      .join(', ');
    return [o.metadata.name, `${text(ref.kind, '')}/${text(ref.name, '')}`, targets || '<none>', typeof sp.minReplicas === 'number' ? String(sp.minReplicas) : '<unset>', num(sp.maxReplicas), num(obj(o.status).currentReplicas), age(o, now)];
  },
};

const poddisruptionbudgets: Printer = {
  columns: [
    NAME,
    col('Min Available', 'string', 'The minimum number of pods that must be available simultaneously.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable simultaneously.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE,
  ],
  cells: (o, now) => {
    const sp = obj(o.spec);
    const show = (v: unknown) => (v === undefined ? 'N/A' : String(v as string | number));
    return [o.metadata.name, show(sp.minAvailable), show(sp.maxUnavailable), num(obj(o.status).disruptionsAllowed), age(o, now)];
  },
};

const serviceaccounts: Printer = {
  columns: [NAME, col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), AGE],
  cells: (o, now) => [o.metadata.name, ((o.secrets as unknown[] | undefined) ?? []).length, age(o, now)],
};

const roles: Printer = {
  columns: [NAME, col('Created At', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};

interface Subject { kind?: string; name?: string; namespace?: string }

const rolebindings: Printer = {
  columns: [
    NAME,
    col('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
    AGE,
    col('Users', 'string', 'Users in the roleBinding', 1),
    col('Groups', 'string', 'Groups in the roleBinding', 1),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1),
  ],
  cells: (o, now) => {
    const ref = obj(o.roleRef);
    const subjects = (o.subjects as Subject[] | undefined) ?? [];
    const of = (kind: string) => subjects.filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name ?? ''}` : (s.name ?? ''))).join(', ');
    return [o.metadata.name, `${text(ref.kind, '')}/${text(ref.name, '')}`, age(o, now), of('User'), of('Group'), of('ServiceAccount')];
  },
};

const persistentvolumeclaims: Printer = {
  columns: [
    NAME,
    col('Status', 'string', 'Phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'VolumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'Capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'AccessModes contains the desired access modes the volume should have.'),
    col('StorageClass', 'string', 'StorageClassName is the name of the StorageClass required by the claim.'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.'),
    AGE,
    col('VolumeMode', 'string', 'VolumeMode defines what type of volume is required by the claim.', 1),
  ],
  cells: (o, now) => {
    const sp = obj(o.spec);
    const st = obj(o.status);
    const modes = ((st.accessModes ?? sp.accessModes) as string[] | undefined) ?? [];
    const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
    const bound = st.phase === 'Bound';
    return [
      o.metadata.name, text(st.phase, 'Pending'), text(sp.volumeName, ''), bound ? text(obj(st.capacity).storage, '') : '', bound ? modes.map((m) => short[m] ?? m).join(',') : '',
      text(sp.storageClassName, '<unset>'), text(sp.volumeAttributesClassName, '<unset>'), age(o, now), text(sp.volumeMode, 'Filesystem'),
    ];
  },
};

const leases: Printer = {
  columns: [NAME, col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'), AGE],
  cells: (o, now) => [o.metadata.name, text(obj(o.spec).holderIdentity, ''), age(o, now)],
};

export const STORED_KIND_PRINTERS = {
  leases, statefulsets, daemonsets, cronjobs, jobs, horizontalpodautoscalers, poddisruptionbudgets, serviceaccounts, roles, rolebindings, persistentvolumeclaims,
};
