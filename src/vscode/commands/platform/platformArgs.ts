// What the platform commands receive: a tree node (context menu, inline action), the model object itself
// (a notification button, automation), or nothing (the palette). These pull the object out of either.
import type { QueueTask } from '../../../clients/platform/taskQueueClient';
import type { Experiment } from '../../../clients/platform/platformTypes';
import type { CockpitAlert, CockpitSilence } from '../../../domain/alerts/alertTypes';

function field<T>(arg: unknown, name: string, is: (v: unknown) => boolean): T | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const inner = (arg as Record<string, unknown>)[name];
  if (inner !== undefined && is(inner)) return inner as T;
  return is(arg) ? (arg as T) : undefined;
}

const isAlert = (v: unknown) => typeof v === 'object' && v !== null && 'labels' in v && 'key' in v && 'state' in v;
const isSilence = (v: unknown) => typeof v === 'object' && v !== null && 'matchers' in v && 'id' in v;
const isExperiment = (v: unknown) => typeof v === 'object' && v !== null && 'phase' in v && 'id' in v && 'name' in v;
const isTask = (v: unknown) => typeof v === 'object' && v !== null && 'hostId' in v && 'status' in v && 'id' in v;

export const alertArg = (arg: unknown): CockpitAlert | undefined => field<CockpitAlert>(arg, 'alert', isAlert);
/** An alert group row of the Alerts view (firing alerts of one name): its name and alerts. */
export function alertGroupArg(arg: unknown): { name: string; alerts: CockpitAlert[] } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as Record<string, unknown>;
  if (o.kind !== 'alertGroup' || typeof o.name !== 'string' || !Array.isArray(o.alerts) || !o.alerts.every(isAlert)) return undefined;
  return { name: o.name, alerts: o.alerts as CockpitAlert[] };
}
export const silenceArg = (arg: unknown): CockpitSilence | undefined => field<CockpitSilence>(arg, 'silence', isSilence);
export const experimentArg = (arg: unknown): Experiment | undefined => field<Experiment>(arg, 'experiment', isExperiment);
export const taskArg = (arg: unknown): QueueTask | undefined => field<QueueTask>(arg, 'task', isTask);
