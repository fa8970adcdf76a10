// Mutation testing (`npm run test:mutation`): StrykerJS plants small bugs in the code that decides what is
// safe and counts how many the unit tier notices. One module: `npm run test:mutation -- --mutate src/domain/x.ts`.
// esbuild transpiles file by file into out/, so Stryker copies the tree to a sandbox, instruments the sources
// once (all mutants switched at run time), runs the build there, and runs mocha over out/test/unit.
// Scores per module and the accepted survivors are in TESTING.md.

/** The modules that decide what is safe or correct, each held to the threshold below. */
const safetyModules = [
  'src/domain/safety/mutationPolicy.ts',
  'src/domain/runbook/stepSafety.ts',
  'src/domain/runbook/safety/shellSyntax.ts',
  'src/domain/runbook/safety/shellSafety.ts',
  'src/domain/runbook/safety/kubectlSafety.ts',
  'src/domain/runbook/safety/sqlSafety.ts',
  'src/domain/runbook/safety/commandArgs.ts',
  'src/domain/runbook/safety/verdict.ts',
  'src/clients/http/origin.ts',
  'src/domain/runbook/fenceScanner.ts',
  'src/domain/runbook/cellAttributes.ts',
  'src/domain/runbook/placeholders.ts',
  'src/domain/workloads/rolloutPlans.ts',
  'src/domain/workloads/revisionHistory.ts',
  'src/domain/pods/podRecreation.ts',
  // Drain Node: which pods are evicted and which kept (a pod evicted by mistake is a pod lost).
  'src/domain/nodes/drainPlan.ts',
  // Shell / Exec…: the kubectl argv (no name becomes a flag), which kubectl runs, which pod is offered first.
  'src/domain/pods/podExec.ts',
  'src/domain/pods/kubectlProgram.ts',
  'src/domain/pods/podChoice.ts',
  'src/domain/logs/seamDeduper.ts',
  'src/domain/logs/logTail.ts',
  'src/domain/logs/tailRecorder.ts',
  'src/domain/logs/logSpool.ts',
  'webviews/logTail/logBuffer.ts',
  // Backups: what is kept, what a backup holds and whether it is intact, what is never written in clear.
  'src/domain/backups/retention.ts',
  'src/domain/backups/backupManifest.ts',
  'src/domain/backups/fileChecks.ts',
  'src/domain/backups/resourceStrip.ts',
  'src/domain/backups/secretBox.ts',
  'src/domain/backups/dumpArchive.ts',
  // Progressive delivery: what passes a gate, when a rollout moves or rolls back, who drives it, what a plan says.
  'src/domain/rollouts/verdicts.ts',
  'src/domain/rollouts/stateMachine.ts',
  'src/domain/rollouts/lease.ts',
  'src/domain/rollouts/planParser.ts',
  'src/domain/rollouts/canaryObjects.ts',
  'src/domain/rollouts/blueGreen.ts',
];

export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  // The unit tier without the simulator's own tests (they test the sandbox, not src/, and take most of its time),
  // nor the start-up bundle's (they read the bundle's layout, not src/ behaviour, and fail in Stryker's copy of the tree).
  mochaOptions: {
    config: 'test/unit/.mocharc.json',
    ignore: ['out/test/unit/sandbox/**', 'out/test/unit/build/**'],
    // PHOENIX_MUTATION_TESTS=out/test/unit/domain/rollouts/**/*.test.js (comma-separated globs) narrows the tests
    // to those of the module measured: the initial run and the coverage pass then take seconds, not minutes.
    ...(process.env.PHOENIX_MUTATION_TESTS ? { spec: process.env.PHOENIX_MUTATION_TESTS.split(',') } : {}),
  },
  // Source maps make failures readable; the unit tier sets it in .mocharc.json, which Stryker's runner does not pass on.
  testRunnerNodeArgs: ['--enable-source-maps'],
  buildCommand: 'node esbuild.config.mjs',
  checkers: ['typescript'],
  // PHOENIX_MUTATION_TSCONFIG names a narrower project for a long run of a few modules (their folder and its tests).
  tsconfigFile: process.env.PHOENIX_MUTATION_TSCONFIG ?? 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: safetyModules,
  // Each mutant runs only the tests that execute its code. Mutants of module-level constants (regexes,
  // tables) are "static": they would run the whole tier each (two thirds of the run's time); `--ignoreStatic false` includes them.
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // The sandbox is a copy of the tree: leave out what is big and built (node_modules is linked, not copied).
  ignorePatterns: ['.vscode-test', 'dist', 'out', 'test-results', '.sandbox', 'reports', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportScoreTable: true },
  // The score of every module must reach high; below break the command fails.
  thresholds: { high: 85, low: 85, break: 85 },
};
