import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig } from '../../../../src/clients/kubernetes/kubeconfigLoader';

function kubeconfig(opts: { contexts: [string, string, string, string?][]; clusters: [string, string][]; users: string[]; current?: string }): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    ...(opts.current ? [`current-context: ${opts.current}`] : []),
    'clusters:',
    ...opts.clusters.map(([n, s]) => `- name: ${n}\n  cluster:\n    server: ${s}`),
    'users:',
    ...opts.users.map((u) => `- name: ${u}\n  user:\n    token: t-${u}`),
    'contexts:',
    ...opts.contexts.map(([n, c, u, ns]) => `- name: ${n}\n  context:\n    cluster: ${c}\n    user: ${u}${ns ? `\n    namespace: ${ns}` : ''}`),
  ].join('\n');
}

describe('kubeconfigLoader', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kcl-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('merges KUBECONFIG files in order: first definition and first current-context win (as kubectl)', () => {
    const a = write('a', kubeconfig({ current: 'dev', clusters: [['c1', 'https://one:6443']], users: ['u1'], contexts: [['dev', 'c1', 'u1', 'apps']] }));
    const b = write('b', kubeconfig({ current: 'prod', clusters: [['c1', 'https://other:6443'], ['c2', 'https://two:6443']], users: ['u2'], contexts: [['dev', 'c2', 'u2'], ['prod', 'c2', 'u2']] }));
    const snap = loadKubeconfig({ kubeconfigEnv: [a, join(dir, 'missing'), b].join(delimiter), extraFiles: [] });
    assert.deepEqual(snap.contexts.map((c) => c.name), ['dev', 'prod']);
    assert.equal(snap.currentContext, 'dev');
    const dev = snap.contexts[0];
    assert.equal(dev.server, 'https://one:6443', 'cluster c1 from the first file wins');
    assert.equal(dev.namespace, 'apps');
    assert.equal(dev.file, a);
    assert.equal(snap.contexts[1].server, 'https://two:6443');
    assert.deepEqual(snap.errors, []);
    assert.deepEqual(snap.files.map((f) => f.exists), [true, false, true]);
  });

  it('reads ~/.kube/config when KUBECONFIG is unset, then the files of the setting (not visible to kubectl)', () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeFileSync(join(home, '.kube', 'config'), kubeconfig({ current: 'a', clusters: [['c', 'https://a:1']], users: ['u'], contexts: [['a', 'c', 'u']] }));
    const extra = write('extra', kubeconfig({ current: 'b', clusters: [['c', 'https://ignored:1'], ['d', 'https://b:1']], users: ['u'], contexts: [['b', 'd', 'u']] }));
    const snap = loadKubeconfig({ kubeconfigEnv: '', extraFiles: [extra], home });
    assert.deepEqual(snap.contexts.map((c) => [c.name, c.visibleToKubectl]), [['a', true], ['b', false]]);
    assert.equal(snap.currentContext, 'a', "a setting file's current-context does not override kubectl's");
  });

  it('keeps the contexts of good files and reports a malformed file with line information', () => {
    const good = write('good', kubeconfig({ clusters: [['c', 'https://a:1']], users: ['u'], contexts: [['ok', 'c', 'u']] }));
    const bad = write('bad', 'apiVersion: v1\nclusters:\n  - name: x\n   cluster: [unclosed\n');
    const snap = loadKubeconfig({ kubeconfigEnv: [bad, good].join(delimiter), extraFiles: [] });
    assert.deepEqual(snap.contexts.map((c) => c.name), ['ok']);
    assert.equal(snap.errors.length, 1);
    assert.equal(snap.errors[0].file, bad);
    assert.match(snap.errors[0].detail, /line \d+/i);
  });

  it('rejects YAML that is not a kubeconfig mapping, and entries missing required fields', () => {
    const scalar = write('scalar', 'just some text\n');
    const noServer = write('noserver', 'clusters:\n- name: c\n  cluster: {}\n');
    const snap = loadKubeconfig({ kubeconfigEnv: [scalar, noServer].join(delimiter), extraFiles: [] });
    assert.equal(snap.errors.length, 2);
    assert.match(snap.errors[0].message, /not a kubeconfig/);
    assert.match(snap.errors[1].message, /server is missing/);
  });

  it('explains contexts that point at undefined clusters or users instead of failing the whole file', () => {
    const f = write('f', kubeconfig({ clusters: [['c', 'https://a:1']], users: ['u'], contexts: [['no-cluster', 'zz', 'u'], ['no-user', 'c', 'zz'], ['fine', 'c', 'u']] }));
    const snap = loadKubeconfig({ kubeconfigEnv: f, extraFiles: [] });
    const a = snap.configFor('no-cluster');
    assert.equal(a.ok, false);
    assert.match(!a.ok ? a.message : '', /cluster "zz", which no kubeconfig file defines/);
    assert.equal(snap.configFor('no-user').ok, false);
    const fine = snap.configFor('fine');
    assert.ok(fine.ok);
    assert.equal(fine.ok && fine.config.cluster.server, 'https://a:1');
  });

  it('resolves a relative certificate-authority path against the file it is in', () => {
    const f = write('rel', 'clusters:\n- name: c\n  cluster:\n    server: https://a:1\n    certificate-authority: certs/ca.crt\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n');
    const snap = loadKubeconfig({ kubeconfigEnv: f, extraFiles: [] });
    const cfg = snap.configFor('x');
    assert.ok(cfg.ok);
    assert.equal(cfg.ok && cfg.config.cluster.caFile, join(dir, 'certs', 'ca.crt'));
  });

  describe('credential plugins from workspace-supplied files', () => {
    const execConfig = (command: string, user = 'eks-user') =>
      `clusters:\n- name: c\n  cluster: {server: 'https://a:1'}\nusers:\n- name: ${user}\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${command}\n      args: [eks, get-token]\ncontexts:\n- name: prod\n  context: {cluster: c, user: ${user}}\n`;
    const providerConfig = 'clusters:\n- name: c\n  cluster: {server: https://a:1}\nusers:\n- name: g\n  user:\n    auth-provider:\n      name: gcp\n      config: {cmd-path: /tmp/evil, cmd-args: token}\ncontexts:\n- name: gke\n  context: {cluster: c, user: g}\n';

    it('are not used until the user allows that exact plugin; the file stays out of kubectl’s reach meanwhile', () => {
      const f = write('ws-kubeconfig', execConfig('aws'));
      const snap = loadKubeconfig({ kubeconfigEnv: '', home: dir, extraFiles: [f], workspaceFiles: [f], pluginAllowed: () => false });
      const r = snap.configFor('prod');
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.plugin?.description, 'exec: aws eks get-token');
      assert.match(!r.ok ? r.message : '', /gets its credentials by running a program \(exec: aws eks get-token\) from .*ws-kubeconfig, a file this workspace's settings added/);
      assert.deepEqual(snap.files.filter((x) => x.source === 'setting').map((x) => [x.fromWorkspace, x.blockedPlugins]), [[true, true]]);
      const fp = !r.ok ? r.plugin?.fingerprint : undefined;
      const allowed = loadKubeconfig({ kubeconfigEnv: '', home: dir, extraFiles: [f], workspaceFiles: [f], pluginAllowed: (x) => x === fp });
      assert.equal(allowed.configFor('prod').ok, true);
      assert.equal(allowed.files.find((x) => x.path === f)?.blockedPlugins, undefined);
      // A changed command is a new plugin: asked again.
      writeFileSync(f, execConfig('/tmp/other-program'));
      const changed = loadKubeconfig({ kubeconfigEnv: '', home: dir, extraFiles: [f], workspaceFiles: [f], pluginAllowed: (x) => x === fp });
      assert.equal(changed.configFor('prod').ok, false);
    });

    it('auth-provider plugins (which may run cmd-path) wait for a yes too', () => {
      const f = write('gke', providerConfig);
      const r = loadKubeconfig({ kubeconfigEnv: '', home: dir, extraFiles: [f], workspaceFiles: [f] }).configFor('gke');
      assert.equal(!r.ok && r.plugin?.description, 'auth-provider: gcp (runs /tmp/evil token)');
    });

    it('the user’s own files (KUBECONFIG, their settings) run their plugins as kubectl would', () => {
      const own = write('own', execConfig('aws'));
      assert.equal(loadKubeconfig({ kubeconfigEnv: own, extraFiles: [], workspaceFiles: [own] }).configFor('prod').ok, true, 'a file of KUBECONFIG is the user’s own');
      const fromUserSettings = write('user-setting', execConfig('aws'));
      assert.equal(loadKubeconfig({ kubeconfigEnv: '', home: dir, extraFiles: [fromUserSettings], workspaceFiles: [] }).configFor('prod').ok, true);
      const tokenOnly = write('token', kubeconfig({ clusters: [['c', 'https://a:1']], users: ['u'], contexts: [['t', 'c', 'u']] }));
      assert.equal(loadKubeconfig({ kubeconfigEnv: '', home: dir, extraFiles: [tokenOnly], workspaceFiles: [tokenOnly] }).configFor('t').ok, true, 'a token user runs nothing');
    });
  });
});
