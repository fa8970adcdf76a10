import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig } from '../../../../src/clients/kubernetes/kubeconfigLoader';
import { kubectlDestinationFile, setKubectlCurrentContext, withCurrentContext } from '../../../../src/clients/kubernetes/kubeconfigWriter';

const CONFIG = `# team kubeconfig, do not reformat
apiVersion: v1
kind: Config
current-context: dev   # set by onboarding
clusters:
- name: c
  cluster: {server: "https://a:1"}
users:
- name: u
  user: {token: x}
contexts:
- name: dev
  context: {cluster: c, user: u}
- name: prod
  context: {cluster: c, user: u}
`;

describe('kubeconfigWriter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kcw-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('chooses the file kubectl writes: the only one, else the first existing, else the last', () => {
    const f = (path: string, exists: boolean, source: 'KUBECONFIG' | 'default' | 'setting' = 'KUBECONFIG') => ({ path, exists, source });
    assert.equal(kubectlDestinationFile([f('/a', false)]), '/a');
    assert.equal(kubectlDestinationFile([f('/a', false), f('/b', true), f('/c', true)]), '/b');
    assert.equal(kubectlDestinationFile([f('/a', false), f('/b', false)]), '/b');
    assert.equal(kubectlDestinationFile([f('/k', true, 'default'), f('/s', true, 'setting')]), '/k', 'setting files are never written');
  });

  it('changes only the current-context value, keeping comments and layout', () => {
    const file = join(dir, 'config');
    writeFileSync(file, CONFIG);
    const r = setKubectlCurrentContext(loadKubeconfig({ kubeconfigEnv: file, extraFiles: [] }), 'prod');
    assert.deepEqual(r, { ok: true, file });
    assert.equal(readFileSync(file, 'utf8'), CONFIG.replace('current-context: dev   #', 'current-context: prod   #'), 'every other byte kept');
    assert.equal(loadKubeconfig({ kubeconfigEnv: file, extraFiles: [] }).currentContext, 'prod');
  });

  it('refuses a context kubectl cannot see (defined only in a settings file) and unknown contexts', () => {
    const main = join(dir, 'main');
    const extra = join(dir, 'extra');
    writeFileSync(main, CONFIG);
    writeFileSync(extra, CONFIG.replace(/- name: dev\n/, '- name: other\n').replace(/- name: prod\n/, '- name: staging\n'));
    const snap = loadKubeconfig({ kubeconfigEnv: [main].join(delimiter), extraFiles: [extra] });
    const r = setKubectlCurrentContext(snap, 'staging');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /kubectl does not read/);
    assert.equal(setKubectlCurrentContext(snap, 'nope').ok, false);
    assert.equal(readFileSync(main, 'utf8'), CONFIG, 'nothing written on refusal');
  });

  it('appends current-context when the file has none, and quotes names YAML would misread', () => {
    assert.equal(withCurrentContext('apiVersion: v1', 'dev'), 'apiVersion: v1\ncurrent-context: dev\n');
    assert.equal(withCurrentContext('', 'dev'), 'current-context: dev\n');
    assert.equal(withCurrentContext('current-context: "a"\n', 'yes # no'), 'current-context: "yes # no"\n');
    assert.deepEqual(withCurrentContext('- a\n- b\n', 'x'), { error: 'not a kubeconfig mapping' });
  });
});
