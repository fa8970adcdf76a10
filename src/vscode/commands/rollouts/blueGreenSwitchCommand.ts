// Blue-Green Switch…: shows the Service's selector and each colour's deployment with readiness, refuses a
// colour that is not all Ready, checks the target (guide 000's health check through the service proxy, its
// analysis on the colour's own requests) and refuses a failing or unmeasured one in words and figures, then
// applies exactly guide 000's selector patch (guarded, audited). "Switch Anyway…" overrides a failed check
// only with the typed words "force <colour>", audited as a forced switch with the checks it overrode. The
// old colour keeps running, so Switch Back is instant.
import * as vscode from 'vscode';
import { notReady, planSwitch } from '../../../domain/rollouts/blueGreen';
import { applySwitch, checkColour } from '../../../domain/rollouts/blueGreenActions';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { resolvePair } from './blueGreenTarget';
import { guardedSwitch } from './blueGreenApply';

const SWITCH_ANYWAY = 'Switch Anyway…';

export const blueGreenSwitchCommand: CommandFactory = (services) => ({
  id: CommandIds.blueGreenSwitch,
  async run(arg?: unknown, colourArg?: unknown, optionsArg?: unknown): Promise<boolean> {
    const options = (optionsArg ?? {}) as { force?: boolean };
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
    const decision = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${to} before ${pair.service} switches to it…` }, () =>
      checkColour(t.client, services.rollouts.driver.metrics, pair, to, services.rollouts.timeScale()),
    );
    let action = 'blue-green switch';
    let summary = `${plan.summary} — ${to} passed ${decision.checks.map((c) => c.detail).join('; ')}`;
    if (!decision.allowed) {
      if (options.force !== true) {
        // The refusal does not wait for an answer (the command is done: nothing changed); "Switch Anyway…" starts the forced path.
        void vscode.window.showErrorMessage(`Phoenix Ops: not switching ${pair.service} to ${to}: ${decision.reason}.`, SWITCH_ANYWAY).then((pick) => {
          if (pick === SWITCH_ANYWAY) void vscode.commands.executeCommand(CommandIds.blueGreenSwitch, { context: t.context, pair: { namespace: pair.namespace, service: pair.service } }, to, { force: true });
        });
        return false;
      }
      const words = `force ${to}`;
      const typed = await vscode.window.showInputBox({
        title: `Switch ${pair.service} to ${to} although it failed its checks`,
        prompt: `${decision.reason}. Type "${words}" to switch anyway (audited as a forced switch).`,
        ignoreFocusOut: true,
        validateInput: (v) => (v === '' || v === words ? undefined : `Type exactly: ${words}`),
      });
      if (typed !== words) return false;
      action = 'blue-green switch (forced)';
      summary = `${plan.summary} although ${decision.reason}`;
    }
    const ok = await guardedSwitch(services, t, action, { summary }, () => applySwitch(t.client, pair, t.resourceVersion, plan));
    if (ok) void vscode.window.showInformationMessage(`Phoenix Ops: ${pair.service} now sends its traffic to ${to}. ${pair.active} keeps running: Switch Back is instant; its clean-up is offered after ${services.settings().rollouts.blueGreenKeepHours} h.`);
    return ok;
  },
});
