// "Silence…" (acknowledge): a silence matching exactly the alert's labels in every Alertmanager that has it,
// for a picked duration with a comment; the creator comes from phoenixOps.alerts.silenceCreator. Audit-logged.
// On an alert group row (firing alerts of one name) it silences the group: the labels they all share.
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import type { CockpitAlert } from '../../../domain/alerts/alertTypes';
import { keyLabelsText, matchersText } from '../../../domain/alerts/alertText';
import { groupSilenceTarget, parseDurationMinutes, SILENCE_DURATIONS, silenceFor } from '../../../domain/alerts/silencePlan';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { alertArg, alertGroupArg } from './platformArgs';
import { valueOrThrow } from '../../../core/result';

interface SilenceOptions {
  minutes?: number;
  comment?: string;
}

export const silenceAlertCommand: CommandFactory = ({ platform, guard, log }) => ({
  id: CommandIds.silenceAlert,
  async run(arg?: unknown, options?: unknown) {
    const opts = (typeof options === 'object' && options !== null ? options : {}) as SilenceOptions;
    const group = alertGroupArg(arg);
    const alert = group ? groupSilenceTarget(group.name, group.alerts) : (alertArg(arg) ?? (await pickFiringAlert(platform.alerts.snapshot.alerts)));
    if (!alert) return;
    const title = group ? `all ${group.alerts.length} ${alert.name} alerts` : alert.name;
    const minutes = opts.minutes ?? (await pickDuration(title, alert.summary));
    if (minutes === undefined) return;
    const comment =
      opts.comment ??
      (await vscode.window.showInputBox({
        title: `Silence ${title} for ${minutes} min: comment`,
        prompt: 'Why it is silenced (shown to everyone who sees the silence)',
        value: 'Acknowledged: investigating',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Alertmanager requires a comment.'),
      }));
    if (comment === undefined) return;
    const createdBy = platform.settings().alerts.silenceCreator || userInfo().username;
    const silence = silenceFor(alert, { minutes, createdBy, comment: comment.trim(), now: new Date() });
    // What the silence matches, in the words of the confirmation and the audit record.
    const what = group ? `all ${group.alerts.length} firing ${alert.name} alerts, and any new one matching ${matchersText(silence.matchers.map((m) => ({ ...m, isEqual: m.isEqual ?? true })))}` : `${alert.name} (${keyLabelsText(alert.labels, 3)})`;
    const targets = alert.sources.map((s) => platform.alerts.alertmanager(s)).filter((a) => a !== undefined);
    if (targets.length === 0) {
      void vscode.window.showErrorMessage(`No configured Alertmanager has ${alert.name} any more: refresh the Alerts view.`);
      return;
    }
    const outcome = await guard.run(
      { action: 'silence alert', context: 'alertmanager', object: `alert/${alert.name}`, confirmText: alert.name, summary: `silence ${what} for ${minutes} min` },
      async () => {
        const ids: string[] = [];
        for (const am of targets) {
          ids.push(valueOrThrow(await am.createSilence(silence)));
        }
        return ids;
      },
      `${targets.map((t) => t.baseUrl).join(', ')}: ${minutes} min by ${createdBy}: ${comment.trim()}`,
      (ids) => ids,
    ).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      log.error(`silence ${alert.name}: ${message}`);
      void vscode.window.showErrorMessage(`Could not silence ${alert.name}: ${message}`);
      return undefined;
    });
    if (!outcome?.ran) return;
    await platform.alerts.refresh();
    void vscode.window.showInformationMessage(`Silenced ${title} for ${formatMinutes(minutes)} (silence ${outcome.value.join(', ')}).`);
    return outcome.value;
  },
});

async function pickFiringAlert(alerts: readonly CockpitAlert[]): Promise<CockpitAlert | undefined> {
  const firing = alerts.filter((a) => a.state === 'firing' || a.state === 'pending');
  if (firing.length === 0) {
    void vscode.window.showInformationMessage('No alerts are firing (open the Alerts view to refresh).');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    firing.map((a) => ({ label: a.name, description: `${a.severity} · ${a.summary}`, detail: keyLabelsText(a.labels), alert: a })),
    { title: 'Silence which alert?', matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.alert;
}

async function pickDuration(title: string, summary: string): Promise<number | undefined> {
  const custom = 'Custom…';
  const pick = await vscode.window.showQuickPick([...SILENCE_DURATIONS.map((d) => ({ label: d.label, minutes: d.minutes })), { label: custom, minutes: 0 }], {
    title: `Silence ${title} for how long?`,
    placeHolder: summary,
  });
  if (!pick) return undefined;
  if (pick.label !== custom) return pick.minutes;
  const typed = await vscode.window.showInputBox({
    title: `Silence ${title} for…`,
    prompt: 'A duration such as 90m, 3h, 1d or 1h30m',
    ignoreFocusOut: true,
    validateInput: (v) => (parseDurationMinutes(v) ? undefined : 'Use a duration such as 90m, 3h, 1d or 1h30m.'),
  });
  return typed === undefined ? undefined : parseDurationMinutes(typed);
}

function formatMinutes(m: number): string {
  return SILENCE_DURATIONS.find((d) => d.minutes === m)?.label ?? (m % 60 ? `${m} min` : `${m / 60} h`);
}
