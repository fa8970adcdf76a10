// Opening a file as a runbook: only UTF-8 (anything else would change bytes on save) and only up to a size worth cells.
import assert from 'node:assert/strict';
import { decodeRunbook, MAX_RUNBOOK_BYTES } from '../../../../src/domain/runbook/runbookBytes';

describe('runbook bytes', () => {
  it('decodes UTF-8, a byte order mark kept as a character', () => {
    const r = decodeRunbook(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('# Titel — ü\n')]));
    assert.deepEqual(r, { ok: true, text: '\uFEFF# Titel — ü\n' });
  });

  it('refuses Latin-1 bytes, saying where the first invalid byte is and how to open it instead', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('# Runbook\n\nline two\n'), 0x47, 0x72, 0xfc, 0x6e, 0x0a]);
    const r = decodeRunbook(bytes);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /not valid UTF-8 \(the first invalid byte is at offset 22, line 4\).*text editor/);
  });

  it('refuses a truncated multi-byte character at the end', () => {
    const r = decodeRunbook(new Uint8Array([0x61, 0xe2, 0x82]));
    assert.equal(r.ok, false);
  });

  it('refuses a file past the size limit, naming both sizes, and opens one just under it', () => {
    const big = decodeRunbook(new Uint8Array(MAX_RUNBOOK_BYTES + 1).fill(0x61));
    assert.equal(big.ok, false);
    assert.match(!big.ok ? big.message : '', /^This file is 16\.0 MB: runbooks open as notebooks up to 16\.0 MB\. Open it in the text editor/);
    assert.equal(decodeRunbook(new Uint8Array(MAX_RUNBOOK_BYTES).fill(0x61)).ok, true);
  });
});
