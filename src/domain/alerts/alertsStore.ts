// Holds what every configured Alertmanager (and Prometheus, for pending alerts and rule expressions) says, polled:
// at the refresh interval while the Alerts view is visible, at the background interval (status bar, notifications) otherwise.
import type { AlertFilter } from '../../clients/alertmanager/alertmanagerClient';
import type { AmAlert, AmSilence, NewSilence } from '../../clients/alertmanager/alertmanagerTypes';
import type { ServiceError } from '../../clients/http/serviceError';
import type { AlertingRule, RuleGroup } from '../../clients/prometheus/prometheusClient';
import type { Disposable } from '../../core/disposable';
import { Emitter, type Event } from '../../core/event';
import { Poller } from '../../core/poller';
import type { Result } from '../../core/result';
import { mergeAlerts, mergeSilences, pendingFromRules } from './alertMerge';
import type { AlertRuleInfo, CockpitAlert, CockpitSilence, SourceError } from './alertTypes';

/** What the store needs of an Alertmanager client (AlertmanagerClient fits; tests pass fakes). */
export interface AlertmanagerSource {
  readonly baseUrl: string;
  alerts(f: AlertFilter, signal?: AbortSignal): Promise<Result<AmAlert[], ServiceError>>;
  silences(signal?: AbortSignal): Promise<Result<AmSilence[], ServiceError>>;
  createSilence(s: NewSilence, signal?: AbortSignal): Promise<Result<string, ServiceError>>;
  expireSilence(id: string, signal?: AbortSignal): Promise<Result<void, ServiceError>>;
}

export interface RulesSource {
  readonly baseUrl: string;
  rules(opts: { type?: 'alert' | 'record'; signal?: AbortSignal }): Promise<Result<RuleGroup[], ServiceError>>;
}

export interface AlertsStoreDeps {
  alertmanagers(): readonly AlertmanagerSource[];
  prometheus(): RulesSource | undefined;
  /** Interval while the view is visible, and while it is hidden (0: no polling then). */
  intervals(): { visibleMs: number; backgroundMs: number };
}

export interface AlertsSnapshot {
  /** False when no Alertmanager URL is set (the view shows its welcome content). */
  configured: boolean;
  /** True once a first round of fetches has finished. */
  loaded: boolean;
  alerts: CockpitAlert[];
  silences: CockpitSilence[];
  rules: AlertRuleInfo[];
  errors: SourceError[];
  /** How many Alertmanagers answered the last round. */
  answered: number;
  fetchedAt?: Date;
  /**
   * Set while a source does not answer (an Alertmanager, or the Prometheus that evaluates the rules): since when the
   * alert state is not known. Never read "nothing firing" then; its last known alerts are in `alerts`, `staleSince` set.
   */
  unknownSince?: Date;
}

/** What a source said the last time it answered. */
interface LastAnswer {
  at: Date;
  alerts: AmAlert[];
  silences: AmSilence[];
}

const EMPTY: AlertsSnapshot = { configured: false, loaded: false, alerts: [], silences: [], rules: [], errors: [], answered: 0 };

export class AlertsStore implements Disposable {
  private current: AlertsSnapshot = EMPTY;
  private readonly poller: Poller;
  private visible = false;
  private criticalKeys: Set<string> | undefined;
  private readonly lastAnswers = new Map<string, LastAnswer>();
  private lastRules: { at: Date; rules: AlertRuleInfo[]; pending: CockpitAlert[] } | undefined;
  /** Sources failing now, with the first failed round of the streak. */
  private readonly failingSince = new Map<string, Date>();
  private readonly changed = new Emitter<AlertsSnapshot>();
  private readonly newCritical = new Emitter<CockpitAlert[]>();

  readonly onDidChange: Event<AlertsSnapshot> = this.changed.event;
  /** Critical alerts that started firing since the previous fetch (never on the first fetch: that is the state you start from; nor when a silence of a known one ends). */
  readonly onNewCritical: Event<CockpitAlert[]> = this.newCritical.event;

  constructor(private readonly deps: AlertsStoreDeps) {
    this.poller = new Poller((signal) => this.load(signal));
  }

  get snapshot(): AlertsSnapshot {
    // Before the first answer: configured or not is already known (loading vs. welcome content).
    return this.current.loaded ? this.current : { ...this.current, configured: this.deps.alertmanagers().length > 0 };
  }

  /** Forgets everything (the configured services changed) and fetches again. */
  reset(): Promise<void> {
    this.criticalKeys = undefined;
    this.lastAnswers.clear();
    this.lastRules = undefined;
    this.failingSince.clear();
    this.publish({ ...EMPTY });
    this.start();
    return this.refresh();
  }

  /** Starts (or retunes) polling; call after settings change. */
  start(): void {
    const { visibleMs, backgroundMs } = this.deps.intervals();
    this.poller.setInterval(this.deps.alertmanagers().length === 0 ? 0 : this.visible ? visibleMs : backgroundMs);
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.start();
    // Coming back into view shows fresh data at once rather than at the next tick.
    if (visible) void this.refresh();
  }

  /** Fetches now (coalesced with a fetch already running). */
  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  /** The Alertmanager client for a source URL (for silences and their expiry). */
  alertmanager(source: string): AlertmanagerSource | undefined {
    return this.deps.alertmanagers().find((a) => a.baseUrl === source);
  }

  /** The alerting rules (from Prometheus) that can have produced `alert`: same name, rule labels a subset of the alert's. */
  rulesFor(alert: CockpitAlert): AlertRuleInfo[] {
    return this.current.rules.filter((r) => r.name === alert.name && Object.entries(r.labels).every(([k, v]) => alert.labels[k] === v));
  }

  dispose(): void {
    this.poller.dispose();
    this.changed.dispose();
    this.newCritical.dispose();
  }

  private async load(signal: AbortSignal): Promise<void> {
    const ams = this.deps.alertmanagers();
    if (ams.length === 0) {
      this.criticalKeys = undefined;
      return this.publish({ ...EMPTY });
    }
    const prom = this.deps.prometheus();
    const [amResults, rulesResult] = await Promise.all([
      Promise.all(ams.map(async (am) => ({ am, alerts: await am.alerts({ active: true, silenced: true, inhibited: true, unprocessed: true }, signal), silences: await am.silences(signal) }))),
      prom ? prom.rules({ type: 'alert', signal }) : Promise.resolve(undefined),
    ]);
    if (signal.aborted) return;
    const now = new Date();
    const failing = (source: string) => {
      const since = this.failingSince.get(source) ?? now;
      this.failingSince.set(source, since);
      return since;
    };
    const configured = new Set([...ams.map((am) => am.baseUrl), ...(prom ? [prom.baseUrl] : [])]);
    for (const source of [...this.failingSince.keys()]) if (!configured.has(source)) this.failingSince.delete(source);
    const errors: SourceError[] = [];
    const fresh: { source: string; alerts: AmAlert[] }[] = [];
    const stale: { source: string; alerts: AmAlert[] }[] = [];
    const silenceLists: { source: string; silences: AmSilence[] }[] = [];
    for (const { am, alerts, silences } of amResults) {
      const before = this.lastAnswers.get(am.baseUrl);
      if (alerts.ok) {
        this.failingSince.delete(am.baseUrl);
        fresh.push({ source: am.baseUrl, alerts: alerts.value });
        this.lastAnswers.set(am.baseUrl, { at: now, alerts: alerts.value, silences: silences.ok ? silences.value : (before?.silences ?? []) });
        if (!silences.ok) errors.push(sourceError(am.baseUrl, silences.error, 'its silences are the last known'));
      } else {
        // Could not ask is not "nothing firing": keep what it said last, marked with when.
        errors.push(sourceError(am.baseUrl, alerts.error, undefined, failing(am.baseUrl)));
        if (before) stale.push({ source: am.baseUrl, alerts: before.alerts });
      }
      const known = this.lastAnswers.get(am.baseUrl);
      if (known) silenceLists.push({ source: am.baseUrl, silences: known.silences });
    }
    let rules: AlertRuleInfo[] = this.current.rules;
    let pending: CockpitAlert[] = [];
    if (prom && rulesResult) {
      if (rulesResult.ok) {
        this.failingSince.delete(prom.baseUrl);
        const alerting = rulesResult.value.flatMap((g) => g.rules.filter((r): r is AlertingRule => r.type === 'alerting'));
        rules = alerting.map((r) => ({ name: r.name, query: r.query, labels: r.labels ?? {}, durationSeconds: r.duration }));
        pending = pendingFromRules(prom.baseUrl, alerting);
        this.lastRules = { at: now, rules, pending };
      } else {
        // Alertmanager only hears of what Prometheus evaluates: without an answer from it, firing is not known either.
        const since = failing(prom.baseUrl);
        errors.push(sourceError(prom.baseUrl, rulesResult.error, 'pending alerts unknown; if it is down, no rule is evaluated and nothing new can fire', since));
        rules = this.lastRules?.rules ?? rules;
        const at = this.lastRules?.at;
        pending = at ? (this.lastRules?.pending ?? []).map((a) => ({ ...a, staleSince: at })) : [];
      }
    }
    const current = mergeAlerts(fresh);
    const freshKeys = new Set(current.map((a) => a.key));
    const lastKnown = mergeAlerts(stale)
      .filter((a) => !freshKeys.has(a.key))
      .map((a) => ({ ...a, staleSince: new Date(Math.min(...a.sources.map((src) => this.lastAnswers.get(src)?.at.getTime() ?? now.getTime()))) }));
    const alerts = [...current, ...lastKnown, ...pending];
    this.detectNewCritical(alerts, fresh.length < ams.length);
    const since = [...this.failingSince.values()].sort((a, b) => a.getTime() - b.getTime())[0];
    this.publish({
      configured: true,
      loaded: true,
      alerts,
      silences: mergeSilences(silenceLists),
      rules,
      errors,
      answered: fresh.length,
      fetchedAt: now,
      ...(since ? { unknownSince: since } : {}),
    });
  }

  private detectNewCritical(alerts: CockpitAlert[], partial: boolean): void {
    // Known = critical and firing, silenced or inhibited: expiring a silence does not make an alert new.
    const known = new Set(alerts.filter((a) => a.severity === 'critical' && a.state !== 'pending').map((a) => a.key));
    const before = this.criticalKeys;
    // An Alertmanager that failed this round hides its alerts; keep them as known so they don't "newly fire" when it answers again.
    this.criticalKeys = partial && before ? new Set([...before, ...known]) : known;
    if (!before) return;
    const fresh = alerts.filter((a) => a.state === 'firing' && a.severity === 'critical' && !before.has(a.key));
    if (fresh.length) this.newCritical.fire(fresh);
  }

  private publish(s: AlertsSnapshot): void {
    this.current = s;
    this.changed.fire(s);
  }
}

function sourceError(source: string, e: ServiceError, consequence?: string, since?: Date): SourceError {
  return { source, service: e.service, message: consequence ? `${e.message} (${consequence})` : e.message, hint: e.hint, ...(since ? { since } : {}) };
}
