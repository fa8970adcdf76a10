// Blue-green by a Service's selector (guide 000): which deployments stand behind each colour of a
// Service, whether the target colour may take the traffic (every pod Ready), the exact selector patch
// of the guide, switching back while the old colour still runs, and its clean-up once the keep time
// (24 h, guide 002) has passed. Pure.
import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { ANNOTATION_PREFIX } from './rolloutState';

export const BLUE_GREEN_ANNOTATION = `${ANNOTATION_PREFIX}/blue-green`;

export interface Colour {
  value: string;
  deployment: string;
  ready: number;
  desired: number;
  updated: number;
  images: string[];
  active: boolean;
}

export interface BlueGreenPair {
  service: string;
  namespace: string;
  /** The selector key that names the colour ("version"). */
  key: string;
  selector: Record<string, string>;
  active: string;
  colours: Colour[];
  /** The last switch, from the Service's annotation. */
  lastSwitch?: SwitchRecord;
}

export interface SwitchRecord {
  from: string;
  to: string;
  at: string;
  by: string;
}

function labelsOf(d: V1Deployment): Record<string, string> {
  return d.spec?.template?.metadata?.labels ?? {};
}

/**
 * The selector labels blue-green setups name their colour with. Anything else (app, track) tells
 * services or a canary apart, not colours: a Service selecting app=x,track=primary is no pair.
 */
export const COLOUR_KEYS: readonly string[] = ['version', 'color', 'colour', 'slot', 'stack'];

/**
 * The Service's colour pair: a colour key of its selector whose value differs between deployments that
 * match the rest of the selector. undefined when the Service is not fronting a blue-green pair.
 */
export function blueGreenPair(service: V1Service, deployments: readonly V1Deployment[]): BlueGreenPair | undefined {
  const selector = service.spec?.selector ?? {};
  const keys = Object.keys(selector);
  for (const key of keys.filter((k) => COLOUR_KEYS.includes(k))) {
    const rest = keys.filter((k) => k !== key);
    if (!rest.length) continue;
    const behind = deployments.filter((d) => {
      const l = labelsOf(d);
      return rest.every((k) => l[k] === selector[k]) && l[key] !== undefined;
    });
    const values = new Set(behind.map((d) => labelsOf(d)[key]));
    if (values.size < 2) continue;
    // A colour's own Service (named like its deployment, for smoke tests) is not the switch.
    if (behind.some((d) => d.metadata?.name === service.metadata?.name)) continue;
    const colours = behind
      .map((d): Colour => {
        const st = d.status ?? {};
        return {
          value: labelsOf(d)[key],
          deployment: d.metadata?.name ?? '',
          ready: st.readyReplicas ?? 0,
          desired: d.spec?.replicas ?? 0,
          updated: st.updatedReplicas ?? 0,
          // Stryker disable next-line OptionalChaining: equivalent — a deployment behind the Service has its colour label, so a pod template.
          images: (d.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
          active: labelsOf(d)[key] === selector[key],
        };
      })
      .sort((a, b) => a.value.localeCompare(b.value));
    let lastSwitch: SwitchRecord | undefined;
    try {
      const raw = service.metadata?.annotations?.[BLUE_GREEN_ANNOTATION];
      const v = raw ? (JSON.parse(raw) as Partial<SwitchRecord>) : undefined;
      if (v && typeof v.from === 'string' && typeof v.to === 'string' && typeof v.at === 'string') lastSwitch = { from: v.from, to: v.to, at: v.at, by: typeof v.by === 'string' ? v.by : '' };
    } catch {
      // A damaged record is no record: lastSwitch stays undefined.
    }
    return { service: service.metadata?.name ?? '', namespace: service.metadata?.namespace ?? '', key, selector, active: selector[key], colours, ...(lastSwitch ? { lastSwitch } : {}) };
  }
  return undefined;
}

/** Why a colour cannot take the traffic now (undefined: it can). Fail safe: unknown readiness is not ready. */
export function notReady(c: Colour | undefined): string | undefined {
  if (!c) return 'no deployment has that colour';
  if (c.desired <= 0) return `${c.deployment} is scaled to 0`;
  if (c.updated < c.desired) return `${c.deployment} is still rolling out (${c.updated}/${c.desired} up to date)`;
  if (c.ready < c.desired) return `${c.deployment} has ${c.ready}/${c.desired} pods ready`;
  return undefined;
}

export type SwitchPlan = { patch: { spec: { selector: Record<string, string> } }; annotation: SwitchRecord; summary: string } | { refused: string };

/** Exactly guide 000's patch — `{"spec":{"selector":{"version":"green"}}}` — or why not. */
export function planSwitch(pair: BlueGreenPair, to: string, by: string, nowMs: number): SwitchPlan {
  if (to === pair.active) return { refused: `${pair.service} already sends its traffic to ${to}` };
  const target = pair.colours.find((c) => c.value === to);
  const why = notReady(target);
  if (why) return { refused: `${to} cannot take ${pair.service}'s traffic: ${why}` };
  const from = pair.active;
  // Stryker disable next-line StringLiteral: equivalent — the target exists here (notReady refuses a colour no deployment has).
  const onto = target?.deployment ?? '?';
  return {
    patch: { spec: { selector: { [pair.key]: to } } },
    annotation: { from, to, at: new Date(nowMs).toISOString(), by },
    summary: `switch Service ${pair.service} from ${from} (${pair.colours.find((c) => c.value === from)?.deployment ?? '?'}) to ${to} (${onto})`,
  };
}

/** Switch back to the colour that served before the last switch, while it still runs. */
export function planSwitchBack(pair: BlueGreenPair, by: string, nowMs: number): SwitchPlan {
  const last = pair.lastSwitch;
  if (!last || last.to !== pair.active) return { refused: `${pair.service} has no switch by the cockpit to undo (it serves ${pair.active})` };
  return planSwitch(pair, last.from, by, nowMs);
}

/** The old colour may be scaled to 0 once the keep time after the switch has passed. */
export function cleanupPlan(pair: BlueGreenPair, keepHours: number, nowMs: number): { deployment: string; colour: string } | { refused: string } {
  const last = pair.lastSwitch;
  if (!last || last.to !== pair.active) return { refused: `${pair.service}: no switch by the cockpit whose old colour to clean up` };
  const old = pair.colours.find((c) => c.value === last.from);
  if (!old) return { refused: `no deployment of colour ${last.from} is left` };
  if (old.desired === 0) return { refused: `${old.deployment} is already scaled to 0` };
  const until = Date.parse(last.at) + keepHours * 3600_000;
  if (!(nowMs >= until)) return { refused: `${old.deployment} is kept until ${new Date(Number.isNaN(until) ? nowMs : until).toISOString().replace('T', ' ').slice(0, 16)} UTC (${keepHours} h after the switch) so a switch back stays instant` };
  return { deployment: old.deployment, colour: old.value };
}
