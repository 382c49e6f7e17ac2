import { copyAllEvents, verifyCopy, type CopyProgress, type CopyVerification } from '#event-store/copy-events.js';
import type { EncryptingEventStore } from '#event-store/crypto/encrypting-event-store.js';
import { openEventStore } from '#application/stores/open-stores.js';
import { storeSettings } from '../cli-stores.js';

export type StoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
export const KINDS: readonly StoreKind[] = ['sqlite', 'postgres', 'eventstoredb'];

export interface CopyOptions {
  from: StoreKind;
  to: StoreKind;
  fromDataDir?: string;
  toDataDir?: string;
  /** The source's URL (postgres://… or esdb://…); default POSTGRES_URL or EVENTSTORE_URL. */
  fromUrl?: string;
  toUrl?: string;
}

/** Opens one side of a copy: a SQLite DATA_DIR, or a server by its URL. */
export function openSide(
  kind: StoreKind,
  dataDir: string | undefined,
  url: string | undefined,
  env = process.env,
): Promise<EncryptingEventStore> {
  const base = { ...storeSettings(env), postgresUrl: null, eventstoreUrl: null, mongodbUrl: null };
  if (kind === 'postgres') {
    const postgresUrl = url ?? env.POSTGRES_URL?.trim() ?? '';
    if (!postgresUrl) throw new Error('copy to or from postgres needs --from-url/--to-url or POSTGRES_URL');
    return openEventStore({ ...base, postgresUrl });
  }
  if (kind === 'eventstoredb') {
    const eventstoreUrl = url ?? env.EVENTSTORE_URL?.trim() ?? '';
    if (!eventstoreUrl) throw new Error('copy to or from eventstoredb needs --from-url/--to-url or EVENTSTORE_URL');
    return openEventStore({ ...base, eventstoreUrl });
  }
  return openEventStore({ ...base, dataDir: dataDir ?? base.dataDir });
}

const sideKey = (kind: StoreKind, dataDir?: string, url?: string) => `${kind}\u0000${kind === 'sqlite' ? (dataDir ?? '') : (url ?? '')}`;

/**
 * Streams every event from one store to another, keeping ids, order, metadata and hashes, then
 * checks the target event by event (verifyCopy). Safe to re-run after an interruption: what was
 * copied is skipped, by id and hash.
 */
export async function copyStores(
  options: CopyOptions,
  onProgress?: (p: CopyProgress) => void,
): Promise<CopyProgress & { keys: number; verified: CopyVerification }> {
  if (sideKey(options.from, options.fromDataDir, options.fromUrl) === sideKey(options.to, options.toDataDir, options.toUrl)) {
    throw new Error('copy needs two different stores');
  }
  const from = await openSide(options.from, options.fromDataDir, options.fromUrl);
  try {
    const to = await openSide(options.to, options.toDataDir, options.toUrl);
    try {
      // Events are copied sealed, as stored and hashed; the keys first, rewrapped for the target.
      const source = from.capabilities.sealed ?? from;
      const target = to.capabilities.sealed ?? to;
      const importer = target.capabilities.importer;
      if (!importer) throw new Error(`the ${options.to} adapter cannot import events`);
      const keys = await from.keys.copyTo(to.keys);
      const copied = await copyAllEvents(source, importer, onProgress);
      return { ...copied, keys, verified: await verifyCopy(source, target) };
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
