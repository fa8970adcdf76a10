// Secrets are sealed with AES-256-GCM (key from a passphrase by scrypt, or a random key): the round trip gives the
// bytes back; a wrong passphrase, another key, another file, a flipped byte or a forged envelope is a clear error.
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import {
  ENVELOPE_FORMAT,
  keyId,
  newKey,
  openEnvelope,
  parseEnvelope,
  passphraseProblem,
  SCRYPT,
  type SealedEnvelope,
  sealWithKey,
  sealWithPassphrase,
} from '../../../../src/domain/backups/secretBox';

/** A cheap scrypt cost for the many derivations here; one test uses the real one. */
const FAST = { N: 1024, r: 8, p: 1 };
const plain = Buffer.from('apiVersion: v1\nkind: Secret\ndata:\n  password: c2VjcmV0\n');
const aad = 'phoenix-dev_phoenix-system_20261203-020000Z/secrets.enc.json';
const passphrase = 'correct horse battery staple';

describe('sealed secrets', () => {
  it('round-trips with a passphrase at the real scrypt cost, and never holds the plaintext', async function () {
    this.timeout(30_000); // two real derivations (~0.6 s each, more on a busy machine)
    const env = await sealWithPassphrase(plain, passphrase, aad);
    assert.deepEqual(env.key, { kind: 'passphrase', salt: env.key.kind === 'passphrase' ? env.key.salt : '', ...SCRYPT });
    assert.equal(env.format, ENVELOPE_FORMAT);
    assert.equal(env.cipher, 'aes-256-gcm');
    const text = JSON.stringify(env);
    assert.ok(!text.includes('c2VjcmV0') && !text.includes('kind: Secret'), 'nothing of the plaintext in the envelope');
    const r = await openEnvelope(parseOrThrow(text), { passphrase }, aad);
    assert.ok(r.ok);
    assert.deepEqual(r.value, plain);
  });

  it('a wrong passphrase is a clear error, not garbage', async () => {
    const env = await sealWithPassphrase(plain, passphrase, aad, FAST);
    assert.deepEqual(await openEnvelope(env, { passphrase: 'correct horse battery stapler' }, aad), {
      ok: false,
      error: 'the passphrase is wrong (or the sealed file was changed): decryption failed its authentication check',
    });
  });

  it('two seals of the same secrets differ (fresh salt and IV)', async () => {
    const a = await sealWithPassphrase(plain, passphrase, aad, FAST);
    const b = await sealWithPassphrase(plain, passphrase, aad, FAST);
    assert.notEqual(a.ciphertext, b.ciphertext);
    assert.notEqual(a.iv, b.iv);
    assert.ok(a.key.kind === 'passphrase' && b.key.kind === 'passphrase' && a.key.salt !== b.key.salt);
  });

  it('round-trips with a key, named by its id, never by itself', async () => {
    const key = newKey();
    assert.equal(key.length, 32);
    const env = sealWithKey(plain, key, aad);
    assert.deepEqual(env.key, { kind: 'key', keyId: keyId(key) });
    assert.match(keyId(key), /^[0-9a-f]{16}$/);
    assert.ok(!JSON.stringify(env).includes(key.toString('base64')));
    const r = await openEnvelope(env, { key }, aad);
    assert.ok(r.ok && r.value.equals(plain));
  });

  it('another key is named, and a passphrase is not tried on a key-sealed file (nor the other way round)', async () => {
    const key = newKey();
    const env = sealWithKey(plain, key, aad);
    const other = newKey();
    const r = await openEnvelope(env, { key: other }, aad);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error, `these secrets were sealed with backup key ${keyId(key)}; the key in this VS Code's secret storage is ${keyId(other)}`);
    assert.deepEqual(await openEnvelope(env, { passphrase }, aad), { ok: false, error: `these secrets were sealed with the cockpit's backup key ${keyId(key)}` });
    const byPass = await sealWithPassphrase(plain, passphrase, aad, FAST);
    assert.deepEqual(await openEnvelope(byPass, { key: other }, aad), { ok: false, error: 'these secrets were sealed with a passphrase: enter it' });
  });

  it('is bound to its backup and file: opened as another, it refuses', async () => {
    const key = newKey();
    const env = sealWithKey(plain, key, aad);
    assert.deepEqual(await openEnvelope(env, { key }, 'another-backup/secrets.enc.json'), {
      ok: false,
      error: `this sealed file belongs to "${aad}", not "another-backup/secrets.enc.json"`,
    });
    // Rewriting the aad in the envelope does not help: it is authenticated.
    const forged = { ...env, aad: 'another-backup/secrets.enc.json' };
    assert.deepEqual(await openEnvelope(forged, { key }, 'another-backup/secrets.enc.json'), { ok: false, error: 'the sealed file was changed: decryption failed its authentication check' });
  });

  it('a flipped bit in the ciphertext, IV or tag fails authentication', async () => {
    const key = newKey();
    const env = sealWithKey(plain, key, aad);
    for (const field of ['ciphertext', 'iv', 'tag'] as const) {
      const bytes = Buffer.from(env[field], 'base64');
      bytes[0] ^= 1;
      const r = await openEnvelope({ ...env, [field]: bytes.toString('base64') }, { key }, aad);
      assert.equal(r.ok, false, field);
    }
  });

  it('a key-sealed file naming a key id of another length is refused with both ids, not a crash', async () => {
    const key = newKey();
    const env = sealWithKey(plain, key, aad);
    const older = { ...env, key: { kind: 'key' as const, keyId: keyId(key).slice(0, 8) } };
    assert.deepEqual(await openEnvelope(older, { key }, aad), {
      ok: false,
      error: `these secrets were sealed with backup key ${keyId(key).slice(0, 8)}; the key in this VS Code's secret storage is ${keyId(key)}`,
    });
  });

  it('a passphrase envelope opens with the recipe it records: scrypt with its salt and cost, then AES-256-GCM with its aad', async () => {
    const env = await sealWithPassphrase(plain, passphrase, aad, FAST);
    assert.ok(env.key.kind === 'passphrase');
    const key = scryptSync(passphrase, Buffer.from(env.key.salt, 'base64'), 32, { N: env.key.N, r: env.key.r, p: env.key.p });
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(env.tag, 'base64'));
    assert.deepEqual(Buffer.concat([decipher.update(Buffer.from(env.ciphertext, 'base64')), decipher.final()]), plain);

    // And the other way round: an envelope made by that recipe elsewhere opens here.
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', scryptSync(passphrase, salt, 32, FAST), iv);
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    const made: SealedEnvelope = {
      format: ENVELOPE_FORMAT,
      cipher: 'aes-256-gcm',
      key: { kind: 'passphrase', salt: salt.toString('base64'), ...FAST },
      aad,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
    assert.deepEqual(await openEnvelope(made, { passphrase }, aad), { ok: true, value: plain });
  });

  it('round-trips at any cost the parser accepts, a small N with many lanes included', async () => {
    const env = await sealWithPassphrase(plain, passphrase, aad, { N: 16, r: 1, p: 16 });
    const parsed = parseOrThrow(JSON.stringify(env));
    assert.deepEqual(await openEnvelope(parsed, { passphrase }, aad), { ok: true, value: plain });
  });

  it('refuses weak passphrases before sealing', async () => {
    assert.match(passphraseProblem('short') ?? '', /at least 12 characters/);
    assert.match(passphraseProblem(' twelve chars ') ?? '', /starts or ends with a space/);
    assert.equal(passphraseProblem('twelve chars'), undefined);
    await assert.rejects(sealWithPassphrase(plain, 'short', aad), /at least 12 characters/);
    assert.throws(() => sealWithKey(plain, Buffer.alloc(16), aad), /a backup key is 32 bytes, this one is 16/);
  });

  it('parses only well-formed envelopes, and refuses a cost that would stall the editor', async () => {
    const good = await sealWithPassphrase(plain, passphrase, aad, FAST);
    const cases: Array<[unknown, RegExp]> = [
      ['not json', /not valid JSON/],
      [{ ...good, format: 'other/1' }, /not in format phoenix-ops-sealed\/1/],
      [{ ...good, cipher: 'aes-128-cbc' }, /cipher aes-128-cbc/],
      [{ ...good, tag: undefined }, /lacks iv, tag, aad or ciphertext/],
      [{ ...good, iv: undefined }, /lacks iv, tag, aad or ciphertext/],
      [{ ...good, ciphertext: 42 }, /lacks iv, tag, aad or ciphertext/],
      [{ ...good, aad: undefined }, /lacks iv, tag, aad or ciphertext/],
      [{ ...good, key: { kind: 'magic' } }, /does not say how its key is made/],
      [{ ...good, key: { ...good.key, kind: 'magic' } }, /does not say how its key is made/],
      [{ ...good, key: { ...good.key, salt: undefined } }, /does not say how its key is made/],
      [{ ...good, key: { kind: 'key' } }, /does not say how its key is made/],
      [{ ...good, key: { kind: 'key', keyId: 7 } }, /does not say how its key is made/],
      [{ ...good, key: { ...good.key, N: 0 } }, /does not say how its key is made/],
      [{ ...good, key: { ...good.key, N: 2 ** 24 } }, /more than the cockpit will spend/],
      [null, /not in format/],
    ];
    for (const [v, want] of cases) {
      const r = parseEnvelope(typeof v === 'string' ? v : JSON.stringify(v));
      assert.equal(r.ok, false, JSON.stringify(v));
      if (!r.ok) assert.match(r.error, want);
    }
    assert.ok(parseEnvelope(JSON.stringify(good)).ok);
    assert.ok(parseEnvelope(JSON.stringify({ ...good, key: { kind: 'key', keyId: '0123456789abcdef' } })).ok);
  });

  it('refuses a file asking for more scrypt memory or time than the cockpit will spend, and takes anything up to it', async () => {
    const good = await sealWithPassphrase(plain, passphrase, aad, FAST);
    const withCost = (N: number, r: number, p: number): string => JSON.stringify({ ...good, key: { ...good.key, N, r, p } });
    for (const [N, r, p] of [
      [2 ** 20, 8, 1],
      [2, 32, 16],
      [2 ** 17, 8, 8],
    ]) {
      assert.ok(parseEnvelope(withCost(N, r, p)).ok, `N=${N}, r=${r}, p=${p}`);
    }
    for (const [N, r, p] of [
      [2 ** 21, 1, 1],
      [2, 33, 1],
      [2, 1, 17],
      [2 ** 20, 8, 2],
      [2 ** 19, 32, 1],
      [2 ** 16, 32, 8],
    ]) {
      assert.deepEqual(parseEnvelope(withCost(N, r, p)), { ok: false, error: `the sealed secrets ask for scrypt N=${N}, r=${r}, p=${p}, more than the cockpit will spend` });
    }
  });
});

function parseOrThrow(text: string): SealedEnvelope {
  const r = parseEnvelope(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
