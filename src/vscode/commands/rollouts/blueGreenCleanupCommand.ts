// Clean Up Old Colour…: after the keep time (phoenixOps.rollouts.blueGreenKeepHours, 24 h as guide 002 says),
// the colour switched away from is scaled to 0; before that it is refused, saying until when it is kept.
import * as vscode from 'vscode';
import { cleanupPlan } from '../../../domain/rollouts/blueGreen';
import { scaleToZero } from '../../../domain/rollouts/blueGreenActions';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { guardedSwitch } from './blueGreenApply';
import { resolvePair } from './blueGreenTarget';

export const blueGreenCleanupCommand: CommandFactory = (services) => ({
  id: CommandIds.blueGreenCleanup,
  async run(arg?: unknown): Promise<boolean> {
    const t = await resolvePair(arg, services, 'Clean Up Old Colour');
    if (!t) return false;
    const plan = cleanupPlan(t.pair, services.settings().rollouts.blueGreenKeepHours, Date.now());
    if ('refused' in plan) {
      void vscode.window.showErrorMessage(`Phoenix Ops: ${plan.refused}`);
      return false;
    }
    const ok = await guardedSwitch(services, t, 'blue-green clean-up', { summary: `scale ${plan.deployment} (${plan.colour}, no longer serving ${t.pair.service}) to 0` }, () => scaleToZero(t.client, t.pair.namespace, plan.deployment));
    if (ok) void vscode.window.showInformationMessage(`Phoenix Ops: ${plan.deployment} scaled to 0.`);
    return ok;
  },
});
