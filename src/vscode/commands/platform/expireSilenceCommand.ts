// "Expire Silence": ends a silence (from the Silences list, or every silence of a silenced alert) so the alert notifies again. Audit-logged.
import * as vscode from 'vscode';
import { matchersText } from '../../../domain/alerts/alertText';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { alertArg, silenceArg } from './platformArgs';
import { valueOrThrow } from '../../../core/result';

export const expireSilenceCommand: CommandFactory = ({ platform, guard, log }) => ({
  id: CommandIds.expireSilence,
  async run(arg?: unknown) {
    const silence = silenceArg(arg);
    const alert = silence ? undefined : alertArg(arg);
    // A silence in several (clustered or not) Alertmanagers is expired in each.
    const targets: { source: string; id: string }[] = silence ? silence.sources.map((source) => ({ source, id: silence.id })) : (alert?.silencedBy ?? []);
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(alert ? `${alert.name} is not silenced.` : 'Pick a silence in the Alerts view.');
      return;
    }
    const what = silence ? matchersText(silence.matchers) : `the silence${targets.length > 1 ? 's' : ''} of ${alert?.name ?? ''}`;
    const object = `silence/${[...new Set(targets.map((t) => t.id))].join(',')}`;
    const outcome = await guard
      .run({ action: 'expire silence', context: 'alertmanager', object, confirmText: alert?.name ?? targets[0]?.id ?? '', summary: `expire ${what}` }, async () => {
        for (const t of targets) {
          const am = platform.alerts.alertmanager(t.source);
          if (!am) throw new Error(`${t.source} is no longer configured`);
          valueOrThrow(await am.expireSilence(t.id));
        }
      }, targets.map((t) => `${t.id} in ${t.source}`).join(', '))
      .catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        log.error(`expire silence: ${message}`);
        void vscode.window.showErrorMessage(`Could not expire ${what}: ${message}`);
        return undefined;
      });
    if (!outcome?.ran) return;
    await platform.alerts.refresh();
    void vscode.window.showInformationMessage(`Expired ${what}.`);
  },
});
