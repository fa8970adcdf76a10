// Secrets are only ever written sealed: AES-256-GCM from Node's crypto, the key from a passphrase through
// scrypt or a random 256-bit key kept in SecretStorage. The envelope is JSON (what, how, salt, IV, tag) so
// a wrong passphrase or key is told apart from a damaged file, and the additional data binds it to its backup.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../core/result';

export const ENVELOPE_FORMAT = 'phoenix-ops-sealed/1';

/** OWASP's scrypt floor (N=2^17, r=8, p=1): ~0.3 s and 128 MiB per derivation; the passphrase is typed once per backup. */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const IV_BYTES = 12;
export const MIN_PASSPHRASE = 12;
const MAX_SCRYPT_N = 2 ** 20;
/** Most N·r·p (time follows it, and memory, 128·N·r bytes): MAX_SCRYPT_N at the default r = 8, p = 1, i.e. 1 GiB and ~8× the default's time. */
const MAX_SCRYPT_WORK = 2 ** 23;

export type KeySource = { kind: 'passphrase'; salt: string; N: number; r: number; p: number } | { kind: 'key'; keyId: string };

export interface SealedEnvelope {
  format: typeof ENVELOPE_FORMAT;
  cipher: 'aes-256-gcm';
  key: KeySource;
  /** What the content is bound to (the backup id and file): opening it as another file fails. */
  aad: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export type Unsealer = { passphrase: string } | { key: Buffer };

/** Short, stable name of a key (never the key): the first 16 hex of its sha256. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function passphraseProblem(p: string): string | undefined {
  if (p.length < MIN_PASSPHRASE) return `Use at least ${MIN_PASSPHRASE} characters: this passphrase is all that protects the secrets in the backup.`;
  if (p.trim() !== p) return 'The passphrase starts or ends with a space; leave those out so it can be typed back.';
  return undefined;
}

/** `cost` is for tests that need many derivations; the envelope records it, so opening uses what sealing used. */
export async function sealWithPassphrase(plaintext: Buffer, passphrase: string, aad: string, cost: { N: number; r: number; p: number } = SCRYPT): Promise<SealedEnvelope> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, cost);
  return seal(plaintext, key, aad, { kind: 'passphrase', salt: salt.toString('base64'), N: cost.N, r: cost.r, p: cost.p });
}

export function sealWithKey(plaintext: Buffer, key: Buffer, aad: string): SealedEnvelope {
  if (key.length !== KEY_BYTES) throw new Error(`a backup key is ${KEY_BYTES} bytes, this one is ${key.length}`);
  return seal(plaintext, key, aad, { kind: 'key', keyId: keyId(key) });
}

/** The plaintext, or one sentence saying why it cannot be had: wrong passphrase/key, another file, damage. */
export async function openEnvelope(envelope: SealedEnvelope, with_: Unsealer, aad: string): Promise<Result<Buffer, string>> {
  if (envelope.aad !== aad) return err(`this sealed file belongs to ${JSON.stringify(envelope.aad)}, not ${JSON.stringify(aad)}`);
  let key: Buffer;
  if (envelope.key.kind === 'passphrase') {
    if (!('passphrase' in with_)) return err('these secrets were sealed with a passphrase: enter it');
    const { salt, N, r, p } = envelope.key;
    key = await derive(with_.passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  } else {
    if (!('key' in with_)) return err(`these secrets were sealed with the cockpit's backup key ${envelope.key.keyId}`);
    if (!safeEqual(keyId(with_.key), envelope.key.keyId)) {
      return err(`these secrets were sealed with backup key ${envelope.key.keyId}; the key in this VS Code's secret storage is ${keyId(with_.key)}`);
    }
    key = with_.key;
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(envelope.aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return ok(Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]));
  } catch {
    return err(
      envelope.key.kind === 'passphrase'
        ? 'the passphrase is wrong (or the sealed file was changed): decryption failed its authentication check'
        : 'the sealed file was changed: decryption failed its authentication check',
    );
  }
}

/** Reads an envelope from JSON text, checking its shape; anything else is an error saying what is wrong. */
export function parseEnvelope(text: string): Result<SealedEnvelope, string> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return err('the sealed secrets file is not valid JSON');
  }
  const e = v as Partial<SealedEnvelope> | null;
  if (!e || e.format !== ENVELOPE_FORMAT) return err(`the sealed secrets file is not in format ${ENVELOPE_FORMAT}`);
  if (e.cipher !== 'aes-256-gcm') return err(`the sealed secrets use cipher ${String(e.cipher)}, not aes-256-gcm`);
  if (typeof e.iv !== 'string' || typeof e.tag !== 'string' || typeof e.ciphertext !== 'string' || typeof e.aad !== 'string') return err('the sealed secrets file lacks iv, tag, aad or ciphertext');
  const k = e.key;
  const keyOk = k && (k.kind === 'key' ? typeof k.keyId === 'string' : k.kind === 'passphrase' && typeof k.salt === 'string' && [k.N, k.r, k.p].every((n) => Number.isInteger(n) && n > 0));
  if (!keyOk) return err('the sealed secrets file does not say how its key is made');
  // A file may not make the cockpit spend minutes or gigabytes deriving a key.
  if (k.kind === 'passphrase' && (k.N > MAX_SCRYPT_N || k.r > 32 || k.p > 16 || k.N * k.r * k.p > MAX_SCRYPT_WORK)) return err(`the sealed secrets ask for scrypt N=${k.N}, r=${k.r}, p=${k.p}, more than the cockpit will spend`);
  return ok(e as SealedEnvelope);
}

function seal(plaintext: Buffer, key: Buffer, aad: string, source: KeySource): SealedEnvelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    format: ENVELOPE_FORMAT,
    cipher: 'aes-256-gcm',
    key: source,
    aad,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

function derive(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, KEY_BYTES, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
