// Unit tests of the missing-package installer against a fake host: what it runs, the policy-rc.d guard, and the advice when it cannot install.
import assert from 'node:assert/strict';
import { ensureDebianPackages, MissingPackagesError, type PackageHost, POLICY_RC_D } from '../../../../sandbox/services/debianPackages';

class FakeHost implements PackageHost {
  root = true;
  installed = new Set<string>(['apt-get', 'postgres']);
  files = new Map<string, string>();
  runs: string[] = [];
  /** What policy-rc.d held while each apt-get command ran. */
  policyDuringRuns: Array<string | undefined> = [];
  listsStale = false;
  provides: Record<string, string> = { prometheus: 'prometheus', 'prometheus-alertmanager': 'prometheus-alertmanager' };

  isRoot = (): boolean => this.root;
  which = (b: string): string | undefined => (this.installed.has(b) ? `/usr/bin/${b}` : undefined);
  run = (command: string, args: readonly string[]): Promise<{ code: number; output: string }> => {
    this.runs.push([command, ...args].join(' '));
    this.policyDuringRuns.push(this.files.get(POLICY_RC_D));
    if (args[0] === 'update') {
      this.listsStale = false;
      return Promise.resolve({ code: 0, output: 'Reading package lists...' });
    }
    if (this.listsStale) return Promise.resolve({ code: 100, output: 'E: Unable to locate package prometheus' });
    for (const p of args.slice(3)) if (this.provides[p]) this.installed.add(this.provides[p]);
    return Promise.resolve({ code: 0, output: 'Setting up prometheus ...' });
  };
  readFile = (p: string): string | undefined => this.files.get(p);
  writeExecutable = (p: string, c: string): void => void this.files.set(p, c);
  rename = (from: string, to: string): void => {
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
  };
  remove = (p: string): void => void this.files.delete(p);
}

const needs = [
  { package: 'postgresql', binaries: ['postgres'] },
  { package: 'prometheus', binaries: ['prometheus'] },
  { package: 'prometheus-alertmanager', binaries: ['prometheus-alertmanager', 'alertmanager'] },
];
const quiet = (): void => undefined;

describe('ensureDebianPackages', () => {
  it('does nothing when every binary is there', async () => {
    const host = new FakeHost();
    host.installed.add('prometheus').add('alertmanager');
    await ensureDebianPackages(needs, { host, log: quiet });
    assert.deepEqual(host.runs, []);
  });

  it('installs only what is missing, in one apt-get run, under a policy-rc.d that forbids starting services', async () => {
    const host = new FakeHost();
    await ensureDebianPackages(needs, { host, log: quiet });
    assert.deepEqual(host.runs, ['apt-get install -y --no-install-recommends prometheus prometheus-alertmanager']);
    assert.match(host.policyDuringRuns[0] ?? '', /^exit 101$/m);
    assert.equal(host.files.has(POLICY_RC_D), false, 'the policy-rc.d it created is removed again');
  });

  it('keeps an existing policy-rc.d that already exits 101, and restores one that does not', async () => {
    const keep = new FakeHost();
    keep.files.set(POLICY_RC_D, '#!/bin/sh\nexit 101\n');
    await ensureDebianPackages(needs, { host: keep, log: quiet });
    assert.equal(keep.files.get(POLICY_RC_D), '#!/bin/sh\nexit 101\n');

    const other = new FakeHost();
    other.files.set(POLICY_RC_D, '#!/bin/sh\nexit 0\n');
    await ensureDebianPackages(needs, { host: other, log: quiet });
    assert.match(other.policyDuringRuns[0] ?? '', /exit 101/);
    assert.equal(other.files.get(POLICY_RC_D), '#!/bin/sh\nexit 0\n');
  });

  it('runs apt-get update and retries when the package lists are missing', async () => {
    const host = new FakeHost();
    host.listsStale = true;
    await ensureDebianPackages(needs, { host, log: quiet });
    assert.deepEqual(host.runs, [
      'apt-get install -y --no-install-recommends prometheus prometheus-alertmanager',
      'apt-get update',
      'apt-get install -y --no-install-recommends prometheus prometheus-alertmanager',
    ]);
  });

  it('says exactly what to install when it is not root', async () => {
    const host = new FakeHost();
    host.root = false;
    const err = await ensureDebianPackages(needs, { host, log: quiet }).then(
      () => assert.fail('should have thrown'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof MissingPackagesError);
    assert.equal(err.command, 'sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager');
    assert.ok(err.message.includes(err.command));
    assert.deepEqual(host.runs, []);
  });

  it('fails with the apt output when a package still lacks its binary', async () => {
    const host = new FakeHost();
    host.provides = {};
    await assert.rejects(ensureDebianPackages(needs, { host, log: quiet }), /still lacks its binaries[\s\S]*sudo apt-get install/);
  });
});
