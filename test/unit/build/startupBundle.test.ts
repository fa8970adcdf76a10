// The start-up bundle is what VS Code loads to activate the cockpit (onStartupFinished, in every window): it must stay
// a few stand-ins, and every heavy part must load only when first needed (README › Architecture › Start-up and lazy
// loading). Reads the metafile and the unminified output of the build the unit tier runs after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../../../scripts/repoRoot';

interface Output {
  bytes: number;
  inputs: Record<string, unknown>;
  imports?: Array<{ path: string; kind: string; external?: boolean }>;
}

function extensionOutputs(): Record<string, Output> {
  const metas = JSON.parse(readFileSync(repoPath('dist', 'meta.json'), 'utf8')) as Array<{ outputs: Record<string, Output> }>;
  const meta = metas.find((m) => 'dist/extension.js' in m.outputs);
  assert.ok(meta, 'dist/meta.json has the extension build (run node esbuild.config.mjs)');
  return meta.outputs;
}

const bundleText = (name: string) => readFileSync(repoPath('dist', name), 'utf8');
/** Every require() of `file` in `text` sits in esbuild's lowering of import(): evaluated on first call, not at load. */
function onlyLazily(text: string, file: string): { lazy: number; eager: number } {
  const all = text.split(`require("${file}")`).length - 1;
  const lazy = text.split(`Promise.resolve().then(() => __toESM(require("${file}")))`).length - 1;
  return { lazy, eager: all - lazy };
}

describe('the start-up bundle', () => {
  const outputs = extensionOutputs();
  const startup = outputs['dist/extension.js'];

  it('imports no npm package (client-node, axios, pg, yaml load on first use)', () => {
    assert.deepEqual(Object.keys(startup.inputs).filter((i) => i.includes('node_modules/')), []);
  });

  it('holds only the start-up stand-ins: no models, clients, views or commands', () => {
    const allowed = /^src\/(extension\.ts|core\/lazy\.ts|vscode\/(startup\/[^/]+|commandIds|workloads\/kubeScheme|runbooks\/runbookNotebookType)\.ts)$/;
    assert.deepEqual(Object.keys(startup.inputs).filter((i) => !allowed.test(i)), []);
    const external = (startup.imports ?? []).filter((i) => i.external).map((i) => i.path);
    assert.deepEqual([...new Set(external)].sort(), ['./cockpit.js', 'vscode']);
  });

  it('stays small (the unminified build; the shipped one is minified)', () => {
    assert.ok(startup.bytes < 24 * 1024, `${startup.bytes} bytes`);
  });

  it('loads the cockpit after activate() returns, not while VS Code waits for it', () => {
    assert.deepEqual(onlyLazily(bundleText('extension.js'), './cockpit.js'), { lazy: 1, eager: 0 });
  });

  it('the cockpit loads client-node, axios, pg and the runbook machinery only when first used', () => {
    const cockpit = bundleText('cockpit.js');
    for (const file of ['./lib/clientNode.js', './lib/axios.js', './lib/pg.js', './runbooks.js']) {
      const { lazy, eager } = onlyLazily(cockpit, file);
      assert.ok(lazy >= 1 && eager === 0, `${file}: ${lazy} lazy, ${eager} eager require()s in cockpit.js`);
    }
  });

  it('each heavy package is in one bundle of its own, shared by the bundles that need it', () => {
    const owners = (pkg: string) =>
      Object.entries(outputs)
        .filter(([f, o]) => !f.endsWith('.map') && Object.keys(o.inputs).some((i) => i.startsWith(`node_modules/${pkg}/`) && !i.endsWith('/config_types.js')))
        .map(([f]) => f);
    // client-node's small config_types module reads kubeconfig files in the cockpit itself (the status bar needs them).
    assert.deepEqual(owners('@kubernetes/client-node'), ['dist/lib/clientNode.js']);
    assert.deepEqual(owners('axios'), ['dist/lib/axios.js']);
    assert.deepEqual(owners('pg'), ['dist/lib/pg.js']);
    assert.deepEqual(owners('yaml'), ['dist/lib/yaml.js']);
  });
});
