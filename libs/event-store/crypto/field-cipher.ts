/**
 * One personal field sealed under a student's data key: AES-256-GCM (Node's crypto) with a
 * synthetic IV (the HMAC of where the field is and what it says, as in AES-GCM-SIV's idea): the
 * same event appended twice seals to the same bytes, so an idempotent re-append still matches its
 * stored hash, while two different texts never share an IV. The key id (the student id) travels in
 * the sealed value, so a reader needs no lookup to know which key opens it.
 *
 * Sealed form: `enc1:<keyId>:<iv base64url>:<ciphertext+tag base64url>`.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

export const SEALED_PREFIX = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A student's data key with the two keys derived from it (HKDF): one encrypts, one makes IVs. */
export interface FieldKey {
  readonly keyId: string;
  readonly encryption: Buffer;
  readonly ivKey: Buffer;
}

export function fieldKey(keyId: string, dataKey: Buffer): FieldKey {
  if (dataKey.length !== 32) throw new Error('a data key is 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  return { keyId, encryption: derive('skolefravaer field encryption v1'), ivKey: derive('skolefravaer synthetic iv v1') };
}

export function sealText(key: FieldKey, aad: string, text: string): string {
  const iv = createHmac('sha256', key.ivKey).update(aad).update('\u0000').update(text).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.encryption, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${SEALED_PREFIX}${key.keyId}:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/** The key id a sealed value names; null when the value is not sealed or malformed. */
export function sealedKeyId(value: string): string | null {
  if (!value.startsWith(SEALED_PREFIX)) return null;
  const end = value.lastIndexOf(':', value.lastIndexOf(':') - 1);
  return end > SEALED_PREFIX.length ? value.slice(SEALED_PREFIX.length, end) : null;
}

/** Opens a sealed value; throws when the key or the place (`aad`) is not the one it was sealed with. */
export function openText(key: FieldKey, aad: string, sealed: string): string {
  const last = sealed.lastIndexOf(':');
  const middle = sealed.lastIndexOf(':', last - 1);
  const iv = Buffer.from(sealed.slice(middle + 1, last), 'base64url');
  const body = Buffer.from(sealed.slice(last + 1), 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error('malformed sealed field');
  const decipher = createDecipheriv('aes-256-gcm', key.encryption, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
