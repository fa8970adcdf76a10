// Switch Back: the colour that served before the cockpit's last switch takes the traffic again, at once (it never stopped).
import * as vscode from 'vscode';
import { planSwitchBack } from '../../../domain/rollouts/blueGreen';
import { applySwitch } from '../../../domain/rollouts/blueGreenActions';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { guardedSwitch } from './blueGreenApply';
import { resolvePair } from './blueGreenTarget';

export const blueGreenSwitchBackCommand: CommandFactory = (services) => ({
  id: CommandIds.blueGreenSwitchBack,
  async run(arg?: unknown): Promise<boolean> {
    const t = await resolvePair(arg, services, 'Switch Back');
    if (!t) return false;
    const plan = planSwitchBack(t.pair, services.rollouts.user, Date.now());
    if ('refused' in plan) {
      void vscode.window.showErrorMessage(`Phoenix Ops: ${plan.refused}`);
      return false;
    }
    const ok = await guardedSwitch(services, t, 'blue-green switch back', plan, () => applySwitch(t.client, t.pair, t.resourceVersion, plan));
    if (ok) void vscode.window.showInformationMessage(`Phoenix Ops: ${t.pair.service} sends its traffic to ${plan.annotation.to} again.`);
    return ok;
  },
});
