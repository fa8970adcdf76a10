// Verify names the file: a missing file, another size, another checksum, a file the manifest does not know.
import assert from 'node:assert/strict';
import type { ManifestFile } from '../../../../src/domain/backups/backupManifest';
import { compareFiles, type FileState, sha256sums, unexpectedFiles } from '../../../../src/domain/backups/fileChecks';

const files: ManifestFile[] = [
  { path: 'database.dump', size: 100, sha256: 'a'.repeat(64), role: 'database' },
  { path: 'resources/configmaps.yaml', size: 10, sha256: 'b'.repeat(64), role: 'resources' },
];
const state = (size: number, sha256: string): FileState => ({ present: true, size, sha256 });

describe('backup file checks', () => {
  it('finds nothing when every file is as the manifest says', () => {
    const actual = new Map([
      ['database.dump', state(100, 'a'.repeat(64))],
      ['resources/configmaps.yaml', state(10, 'b'.repeat(64))],
    ]);
    assert.deepEqual(compareFiles(files, actual), []);
  });

  it('names each damaged file with what differs', () => {
    const actual = new Map<string, FileState>([
      ['database.dump', state(100, `c${'a'.repeat(63)}`)],
      ['resources/configmaps.yaml', state(11, 'b'.repeat(64))],
    ]);
    assert.deepEqual(compareFiles(files, actual), [
      { file: 'database.dump', message: `database.dump has changed: its sha256 is c${'a'.repeat(11)}…, the manifest says ${'a'.repeat(12)}…` },
      { file: 'resources/configmaps.yaml', message: 'resources/configmaps.yaml is 11 bytes, the manifest says 10' },
    ]);
  });

  it('a missing or unchecked file is a problem too, as is one the manifest does not list', () => {
    const actual = new Map<string, FileState>([['database.dump', { present: false, why: 'ENOENT' }]]);
    assert.deepEqual(compareFiles(files, actual, ['notes.txt']), [
      { file: 'database.dump', message: 'database.dump is missing (ENOENT)' },
      { file: 'resources/configmaps.yaml', message: 'resources/configmaps.yaml was not checked' },
      { file: 'notes.txt', message: 'notes.txt is not in the manifest' },
    ]);
  });

  it('lists files the manifest does not know, its own files aside', () => {
    assert.deepEqual(unexpectedFiles(['z.txt', 'database.dump', 'manifest.json', 'SHA256SUMS', 'a.txt'], files, ['manifest.json', 'SHA256SUMS']), ['a.txt', 'z.txt']);
  });

  it('writes SHA256SUMS as sha256sum --check reads it', () => {
    assert.equal(sha256sums(files), `${'a'.repeat(64)}  database.dump\n${'b'.repeat(64)}  resources/configmaps.yaml\n`);
  });
});
