// Every shipped runbook, top to bottom, against a fresh sandbox each (confirmations answered yes, placeholders
// answered as an on-call engineer would): every step must succeed. Steps excluded from Run All run too.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../../scripts/repoRoot';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox';
import { executorKindOf } from '../../../src/domain/runbook/cellLanguages';
import { parseRunbook } from '../../../src/domain/runbook/runbookDocument';
import { capture, runbookHarness } from './runbookHarness';

interface Scenario {
  /** Puts the sandbox in the state the runbook is for (the alert's cause), before the run. */
  setUp?(sandbox: Sandbox): Promise<void>;
  answers?: (sandbox: Sandbox) => Record<string, string>;
  /** Steps that must have asked for confirmation (destructive). */
  confirms?: string[];
}

function firstPod(sandbox: Sandbox, namespace: string, app: string): string {
  const pod = sandbox.clusters[0].store.list('pods', namespace).find((p) => p.metadata?.labels?.app === app);
  assert.ok(pod?.metadata?.name, `a ${app} pod in ${namespace}`);
  return pod.metadata.name;
}

const SCENARIOS: Record<string, Scenario> = {
  'high-error-rate.runbook.md': { setUp: async (s) => void (await s.triggers?.badImage({ namespace: 'phoenix-system', deployment: 'platform-api' })), confirms: ['roll-back-platform-api'] },
  'high-latency.runbook.md': { answers: () => ({ DEPLOYMENT: 'analytics', REPLICAS: '3' }), confirms: ['scale-up', 'restart'] },
  'pod-crash-looping.runbook.md': {
    setUp: async (s) => void (await s.triggers?.crashImage({ namespace: 'phase-5', deployment: 'backend' })),
    answers: (s) => ({ POD_NAME: firstPod(s, 'phase-5', 'backend'), DEPLOYMENT: 'backend' }),
    confirms: ['roll-back', 'restart'],
  },
  'database-connection-failures.runbook.md': { confirms: ['kill-idle-connections', 'restart-backend'] },
  'rollback.runbook.md': { answers: () => ({ DEPLOYMENT: 'platform-api', REVISION: '1' }), confirms: ['rollback-immediate', 'rollback-to-revision'] },
  'database-backup-restore.runbook.md': { confirms: ['stop-applications', 'restore'] },
  'certificate-rotation.runbook.md': { confirms: ['update-secret', 'rolling-restart'] },
  'secret-rotation.runbook.md': { confirms: ['use-new-secret', 'replace-old-secret'] },
  'canary-deployment-check.runbook.md': { confirms: ['promote-to-20', 'abort-canary'] },
  'task-queue-backup.runbook.md': { setUp: async (s) => void (await s.triggers?.floodQueue(120)), confirms: ['requeue-failed', 'restart-platform-api'] },
  'agent-down.runbook.md': { setUp: async (s) => void (await s.triggers?.stopAgent('agent-003')), answers: () => ({ HOST_ID: 'agent-003' }) },
  'experiment-stuck.runbook.md': { answers: () => ({ EXPERIMENT_ID: 'exp-70b5a1' }), confirms: ['stop-experiment'] },
  'daily-operations-checklist.runbook.md': {},
};

describe('shipped runbooks, run top to bottom against the sandbox', function () {
  this.timeout(300_000);
  const dir = repoPath('runbooks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.runbook.md')).sort();

  it('ships the thirteen runbooks the Alerts view links to', () => {
    assert.deepEqual(files, Object.keys(SCENARIOS).sort());
  });

  for (const file of files) {
    it(file, async () => {
      const scenario = SCENARIOS[file] ?? {};
      const sandbox = await startSandbox({ timeScale: 0.1 });
      const h = runbookHarness(sandbox, { runbook: file, cwd: dir, answers: (name) => scenario.answers?.(sandbox)[name] });
      try {
        await scenario.setUp?.(sandbox);
        const cells = parseRunbook(readFileSync(join(dir, file), 'utf8')).cells.filter((c) => c.kind === 'code' && executorKindOf(c.language));
        assert.ok(cells.length >= 5, `${file} has ${cells.length} runnable steps`);
        for (const [index, cell] of cells.entries()) {
          const out = capture();
          const r = await h.session.runStep({ runbook: file, index, text: cell.value, language: cell.language, info: cell.info }, new AbortController().signal, out);
          assert.equal(r.outcome, 'succeeded', `${file} step ${index + 1} (${cell.info}) ${r.outcome}: ${r.message ?? ''}\n${cell.value}\n--- output ---\n${out.all()}`);
        }
        const confirmed = h.gateRequests.filter((g) => g.safety.kind === 'destructive').map((g) => g.label);
        for (const step of scenario.confirms ?? []) assert.ok(confirmed.includes(step), `${step} asked for confirmation (asked: ${confirmed.join(', ')})`);
        assert.equal(h.session.transcript.length, cells.length);
      } finally {
        h.session.dispose();
        await sandbox.stop();
      }
    });
  }
});
