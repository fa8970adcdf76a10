// Blue-Green Switch…: shows the Service's selector and each colour's deployment with readiness, refuses a
// colour that is not all Ready, then applies exactly guide 000's selector patch (guarded, audited). The
// old colour keeps running, so Switch Back is instant.
import * as vscode from 'vscode';
import { notReady, planSwitch } from '../../../domain/rollouts/blueGreen';
import { applySwitch } from '../../../domain/rollouts/blueGreenActions';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { resolvePair } from './blueGreenTarget';
import { guardedSwitch } from './blueGreenApply';

export const blueGreenSwitchCommand: CommandFactory = (services) => ({
  id: CommandIds.blueGreenSwitch,
  async run(arg?: unknown, colourArg?: unknown): Promise<boolean> {
    const t = await resolvePair(arg, services, 'Blue-Green Switch');
    if (!t) return false;
    const { pair } = t;
    const to =
      (typeof colourArg === 'string' ? colourArg : undefined) ??
      (t.colour && t.colour !== pair.active ? t.colour : undefined) ??
      (
        await vscode.window.showQuickPick(
          pair.colours.map((c) => ({
            label: `${c.value}${c.active ? ' (serving)' : ''}`,
            description: `${c.deployment} · ${c.ready}/${c.desired} ready`,
            detail: notReady(c) ? `Not ready: ${notReady(c)}` : c.images.join(', '),
            value: c.value,
          })),
          { title: `Blue-Green Switch: ${pair.service} selects ${Object.entries(pair.selector).map(([k, v]) => `${k}=${v}`).join(',')}`, placeHolder: 'Colour to send the traffic to' },
        )
      )?.value;
    if (!to) return false;
    const plan = planSwitch(pair, to, services.rollouts.user, Date.now());
    if ('refused' in plan) {
      void vscode.window.showErrorMessage(`Phoenix Ops: ${plan.refused}`);
      return false;
    }
    const ok = await guardedSwitch(services, t, 'blue-green switch', plan, () => applySwitch(t.client, pair, t.resourceVersion, plan));
    if (ok) void vscode.window.showInformationMessage(`Phoenix Ops: ${pair.service} now sends its traffic to ${to}. ${pair.active} keeps running: Switch Back is instant; its clean-up is offered after ${services.settings().rollouts.blueGreenKeepHours} h.`);
    return ok;
  },
});
