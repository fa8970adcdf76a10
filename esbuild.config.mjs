// Builds everything the project runs.
//   dist/extension.js     the extension's start-up module (Node, CommonJS, `vscode` external; minified with --production)
//   dist/*.js, dist/lib/  what it loads on first use: the cockpit, the runbooks, @kubernetes/client-node, axios, pg, yaml
//   dist/webviews/*.js    browser bundles: one per folder in webviews/ that has an index.ts (panels, notebook renderer)
//   out/**.js             sandbox, tests, benchmarks and scripts transpiled file by file for plain Node (never shipped)
// Type checking is `tsc --noEmit` (npm run typecheck); esbuild only strips types, which keeps builds at a second.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const clean = process.argv.includes('--clean');
const root = import.meta.dirname;

/** Every .ts file under `dir` (recursively), skipping declaration files. */
function tsFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && statSync(join(root, f)).isFile());
}

// The extension is several CommonJS bundles loaded with require() when first needed (README › Architecture › Start-up
// and lazy loading). dist/extension.js is what activation loads and stays a few stand-ins; each other bundle below is
// its own output file, and an import of it from any bundle becomes a require() of that file instead of a copy, so it
// loads once and only when asked for (an `import()` stays lazy: esbuild turns it into a require() on first call).
// ESM splitting works too (code-server 4.100.3 loads .mjs extensions), but measured slower to activate: every ESM
// import of 'vscode' is resolved by a loader hook on another thread (BENCHMARKS.md).
const bundles = {
  cockpit: 'src/vscode/cockpit.ts', // the cockpit, right after activation
  runbooks: 'src/vscode/runbooks/registerRunbooks.ts', // the notebook machinery, when the first runbook opens
  'lib/clientNode': 'src/clients/kubernetes/clientNodeLib.ts', // first request to a cluster
  'lib/axios': 'axios', // first HTTP request (Prometheus, Alertmanager, platform API, HTTP cells)
  'lib/pg': 'src/clients/postgres/pgLib.ts', // first database query (pg with pg-cursor, which uses pg's own modules)
  'lib/yaml': 'yaml', // shared by the cockpit and the runbooks (kubeconfigs), loaded with the cockpit
};
const bundleOf = new Map(Object.entries(bundles).map(([name, src]) => [src.startsWith('src/') ? join(root, src) : src, name]));

/** Resolves an import of another bundle's entry to that bundle's file (relative to dist/, where every bundle but lib/ lives). */
const separateBundles = {
  name: 'separate-bundles',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      // A package's imports of itself (pg's ESM wrapper imports pg) stay inside its bundle.
      if (args.kind === 'entry-point' || args.importer.includes('/node_modules/')) return undefined;
      const key = args.path.startsWith('.') ? join(args.resolveDir, args.path) + (args.path.endsWith('.ts') ? '' : '.ts') : args.path;
      const name = bundleOf.get(key);
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
};

const extension = {
  entryPoints: { extension: 'src/extension.ts', ...bundles },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'dist',
  external: ['vscode', 'pg-native'],
  plugins: [separateBundles],
  // import() of another bundle becomes Promise.resolve().then(() => require(it)).
  supported: { 'dynamic-import': false },
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: true,
  logLevel: 'warning',
};

// Each webviews/<name>/index.ts becomes dist/webviews/<name>.js. ES modules, so the
// notebook renderer (which VS Code imports as a module) and panels share one setup.
const webviewEntries = existsSync(join(root, 'webviews'))
  ? readdirSync(join(root, 'webviews')).filter((d) => existsSync(join(root, 'webviews', d, 'index.ts')))
  : [];
const webviews = {
  entryPoints: Object.fromEntries(webviewEntries.map((d) => [d, `webviews/${d}/index.ts`])),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  outdir: 'dist/webviews',
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: production,
  loader: { '.css': 'text' },
  logLevel: 'warning',
};

// Sandbox, tests, benchmarks, scripts, src and webviews (both for unit tests of their DOM-free parts)
// transpiled one file each, no bundling, so stack traces point at real files and mocha can load suites individually.
const nodeFiles = {
  entryPoints: ['src', 'webviews', 'sandbox', 'test', 'bench', 'scripts'].flatMap(tsFiles),
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'out',
  outbase: '.',
  // import() of our own modules (the lazily loaded parts) becomes require() here: these files are CommonJS.
  supported: { 'dynamic-import': false },
  sourcemap: 'inline',
  logLevel: 'warning',
};

// --clean drops files of deleted sources (so a removed test cannot keep running from out/).
if (clean) rmSync(join(root, 'out'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
// An earlier build's ES-module chunks (if any) must not ship.
rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
for (const f of ['extension.mjs', 'extension.mjs.map']) rmSync(join(root, 'dist', f), { force: true });

const configs = [extension, nodeFiles, ...(webviewEntries.length ? [webviews] : [])];
if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  // The extension's metafile is always kept: a unit test reads which chunks the start-up module imports.
  const meta = results.filter((r) => r.metafile).map((r) => r.metafile);
  writeFileSync(join(root, 'dist', 'meta.json'), JSON.stringify(meta));
  if (production) {
    for (const r of results) {
      for (const [file, info] of Object.entries(r.metafile?.outputs ?? {})) {
        if (!file.endsWith('.map')) console.log(`${relative(root, file).padEnd(40)} ${(info.bytes / 1024).toFixed(0)} KiB`);
      }
    }
  }
}
