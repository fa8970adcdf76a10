// A RunbookSession wired to a running sandbox as the extension wires it, with the gate and the parameter
// prompt replaced by answers the test gives (our own interfaces; everything else is real).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import { cockpitEnvironment, writeKubeOverride } from '../../../src/domain/runbook/cockpitEnvironment';
import type { CellOutput } from '../../../src/domain/runbook/executors/executor';
import type { CockpitActionTable } from '../../../src/domain/runbook/executors/cockpitExecutor';
import type { FrontMatter } from '../../../src/domain/runbook/frontMatter';
import type { Placeholder } from '../../../src/domain/runbook/placeholders';
import type { EnvPrompt } from '../../../src/domain/runbook/promptEnv';
import type { GateRequest, Step, StepResult } from '../../../src/domain/runbook/runbookRunner';
import { RunbookSession } from '../../../src/domain/runbook/runbookSession';
import { readOnlyRefusal } from '../../../src/domain/runbook/stepSafety';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/sandbox';

export interface CapturedOutput extends CellOutput {
  stdout: string;
  stderr: string;
  data: (mime: string, payload: unknown, fallback: string) => void;
  items: Array<{ mime: string; payload: unknown; fallback: string }>;
  all(): string;
}

export function capture(): CapturedOutput {
  const o: CapturedOutput = {
    stdout: '',
    stderr: '',
    items: [],
    text(stream, text) {
      o[stream] += text;
    },
    data(mime, payload, fallback) {
      o.items.push({ mime, payload, fallback });
    },
    all: () => `${o.stdout}${o.stderr}${o.items.map((i) => i.fallback).join('')}`,
  };
  return o;
}

export interface Harness {
  session: RunbookSession;
  gateRequests: GateRequest[];
  asked: Placeholder[][];
  /** promptEnv questions, in order. */
  envAsked: EnvPrompt[];
  /** Steps whose missing closing fence the user was asked about. */
  unclosedAsked: Step[];
  selection: { context?: string; namespace?: string };
  run(text: string, language?: string, info?: string, extra?: Partial<Step>): Promise<{ result: StepResult; out: CapturedOutput }>;
}

export function runbookHarness(
  sandbox: Sandbox,
  opts: {
    answers?: Record<string, string> | ((name: string) => string | undefined);
    /** promptEnv answers by name (null: Escape); a name not listed is answered as offered (Enter). */
    envAnswers?: Record<string, string | null>;
    gate?: 'yes' | 'no' | 'readOnly';
    runbook?: string;
    cwd?: string;
    defaultTimeoutMs?: number;
    knownReadOnly?: string[];
    spillDir?: string;
    outputFileLimitBytes?: number;
    tokenFor?: (url: string) => string | undefined;
    runUnclosed?: boolean;
    /** The actions of phoenix steps (a generated restore runbook's). */
    cockpitActions?: () => CockpitActionTable;
    /** The runbook's front matter, as read from its file. */
    frontMatter?: FrontMatter;
  } = {},
): Harness {
  const info = sandbox.info;
  const pg = info.postgres;
  const gateRequests: GateRequest[] = [];
  const asked: Placeholder[][] = [];
  const envAsked: EnvPrompt[] = [];
  const unclosedAsked: Step[] = [];
  const selection: Harness['selection'] = { context: 'phoenix-dev', namespace: 'phoenix-system' };
  const database = { host: pg?.host ?? '', port: pg?.port ?? 5432, database: pg?.database ?? 'phoenix', user: pg?.user ?? 'phoenix', sslmode: 'disable' as const };
  const session = new RunbookSession({
    runbook: opts.runbook ?? 'test.runbook.md',
    cwd: opts.cwd ?? mkdtempSync(join(tmpdir(), 'runbook-cwd-')),
    baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', KUBECONFIG: info.kubeconfigPath },
    spillDir: opts.spillDir ?? mkdtempSync(join(tmpdir(), 'runbook-spill-')),
    ...(opts.outputFileLimitBytes ? { outputFileLimitBytes: () => opts.outputFileLimitBytes ?? 0 } : {}),
    cockpitEnv: (scratch) => {
      const context = selection.context ? { name: selection.context, cluster: selection.context, user: selection.context } : undefined;
      const kubeconfig = writeKubeOverride(scratch, { kubeconfigFiles: [info.kubeconfigPath], ...(context ? { context } : {}), namespace: selection.namespace });
      return Promise.resolve(
        cockpitEnvironment(
          {
            kubeconfigFiles: [],
            ...(context ? { context } : {}),
            namespace: selection.namespace,
            prometheusUrl: info.prometheusUrl ?? '',
            alertmanagerUrls: info.alertmanagerUrl ? [info.alertmanagerUrl] : [],
            platformApiUrl: info.platformApiUrl ?? '',
            database,
            ...(pg ? { databasePassword: pg.password } : {}),
          },
          kubeconfig,
        ),
      );
    },
    pgSettings: (db, statementTimeoutMs) => Promise.resolve({ ...database, database: db ?? database.database, password: pg?.password, connectTimeoutMs: 5000, statementTimeoutMs }),
    prometheus: (url, timeoutMs) => new PrometheusClient({ baseUrl: url ?? info.prometheusUrl ?? '', timeoutMs }),
    tokenFor: (url) => Promise.resolve(opts.tokenFor?.(url)),
    gate: {
      async run(req, perform) {
        gateRequests.push(req);
        if (req.safety.kind === 'readOnly') return perform();
        if (opts.gate === 'readOnly') return { outcome: 'blocked', message: readOnlyRefusal(req.safety) };
        if (opts.gate === 'no' && req.safety.kind === 'destructive') return { outcome: 'declined', message: 'Not run: not confirmed' };
        return perform();
      },
    },
    ask: (placeholders) => {
      asked.push(placeholders);
      const values: Record<string, string> = {};
      for (const p of placeholders) {
        const v = typeof opts.answers === 'function' ? opts.answers(p.name) : opts.answers?.[p.name];
        if (v === undefined) return Promise.resolve(undefined);
        values[p.name] = v;
      }
      return Promise.resolve(values);
    },
    askEnv: (prompt) => {
      envAsked.push(prompt);
      const given = opts.envAnswers?.[prompt.name];
      return Promise.resolve(given === null ? undefined : (given ?? prompt.value ?? ''));
    },
    selection: () => selection,
    defaultTimeoutMs: () => opts.defaultTimeoutMs ?? 60_000,
    readOnly: () => opts.gate === 'readOnly',
    knownReadOnly: () => opts.knownReadOnly ?? [],
    confirmUnclosed: (step) => {
      unclosedAsked.push(step);
      return Promise.resolve(opts.runUnclosed ?? false);
    },
    user: 'integration-test',
    ...(opts.cockpitActions ? { cockpitActions: opts.cockpitActions } : {}),
    ...(opts.frontMatter ? { frontMatter: opts.frontMatter } : {}),
  });
  let index = 0;
  return {
    session,
    gateRequests,
    asked,
    envAsked,
    unclosedAsked,
    selection,
    async run(text, language = 'sh', infoString, extra = {}) {
      const out = capture();
      const step: Step = { runbook: opts.runbook ?? 'test.runbook.md', index: index++, text, language, info: infoString ?? language, ...extra };
      const result = await session.runStep(step, new AbortController().signal, out);
      return { result, out };
    },
  };
}

/** The suite's own sandbox: started before its tests (given to `set`), stopped after them. */
export function useSandbox(options: SandboxOptions, set: (sandbox: Sandbox) => void): void {
  let started: Sandbox | undefined;
  before(async function () {
    this.timeout(180_000);
    started = await startSandbox(options);
    set(started);
  });
  after(async () => {
    await started?.stop();
  });
}
