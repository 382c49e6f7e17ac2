/**
 * The key-encryption key (KEK) that wraps every student's data key (api.md, Starting):
 * `KEY_ENCRYPTION_KEY` (32 bytes, base64) or `KEY_ENCRYPTION_KEY_FILE`; with neither, a key file
 * created in DATA_DIR on the first start. A KEK that is malformed, unreadable, or not the one the
 * stored keys were wrapped with stops the service with why: it never writes clear text instead.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE_NAME = 'key-encryption.key';

export interface KeyEncryptionKey {
  readonly key: Buffer;
  /** First 16 hex digits of SHA-256 of the key: stored beside each wrapped key, never the key. */
  readonly fingerprint: string;
  /** Where it came from, for the start-up line. */
  readonly source: 'KEY_ENCRYPTION_KEY' | 'KEY_ENCRYPTION_KEY_FILE' | 'created in DATA_DIR' | 'DATA_DIR';
  readonly path?: string;
}

export class KeyEncryptionKeyError extends Error {
  override readonly name = 'KeyEncryptionKeyError';
}

export interface KekSettings {
  keyEncryptionKey?: string | null;
  keyEncryptionKeyFile?: string | null;
  /** Where a key file is created when neither is set; null: refuse instead (external stores). */
  dataDir: string | null;
}

export function parseKek(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== 32)
    throw new KeyEncryptionKeyError(`${where} must be 32 random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`)`);
  return key;
}

export function fingerprintOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function loadKeyEncryptionKey(settings: KekSettings): KeyEncryptionKey {
  if (settings.keyEncryptionKey) {
    const key = parseKek(settings.keyEncryptionKey, 'KEY_ENCRYPTION_KEY');
    return { key, fingerprint: fingerprintOf(key), source: 'KEY_ENCRYPTION_KEY' };
  }
  if (settings.keyEncryptionKeyFile) {
    const path = settings.keyEncryptionKeyFile;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new KeyEncryptionKeyError(`KEY_ENCRYPTION_KEY_FILE ${path} cannot be read: ${(error as Error).message}`);
    }
    const key = parseKek(text, `KEY_ENCRYPTION_KEY_FILE ${path}`);
    return { key, fingerprint: fingerprintOf(key), source: 'KEY_ENCRYPTION_KEY_FILE', path };
  }
  if (!settings.dataDir) throw new KeyEncryptionKeyError("set KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE: it wraps the students' keys");
  const path = join(settings.dataDir, KEY_FILE_NAME);
  if (existsSync(path)) {
    const key = parseKek(readFileSync(path, 'utf8'), `the key file ${path}`);
    return { key, fingerprint: fingerprintOf(key), source: 'DATA_DIR', path };
  }
  mkdirSync(settings.dataDir, { recursive: true });
  const key = randomBytes(32);
  // `wx`: two processes starting at once never overwrite each other's key; the loser reads the winner's.
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadKeyEncryptionKey(settings);
  }
  return { key, fingerprint: fingerprintOf(key), source: 'created in DATA_DIR', path };
}

/** AES-256-GCM with a random IV; the subject is bound in, so a wrapped key cannot serve another student. */
export function wrapDataKey(kek: Buffer, subject: string, dataKey: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`data-key:${subject}`));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function unwrapDataKey(kek: Buffer, subject: string, wrapped: string): Buffer {
  const [ivText, bodyText] = wrapped.split('.');
  const iv = Buffer.from(ivText ?? '', 'base64url');
  const body = Buffer.from(bodyText ?? '', 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', kek, iv);
  decipher.setAAD(Buffer.from(`data-key:${subject}`));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}
