/**
 * Upcasting: events are immutable, so when a type's data changes shape the store keeps the
 * old versions and readers lift them to the current shape on read. An upcaster lifts one
 * type by one version; the registry chains them (v1 → v2 → v3) up to the version code
 * writes today. Nothing is upcast on write, and stored data is never rewritten (the hash
 * chain in libs/audit covers the stored bytes).
 */
import { CURRENT_SCHEMA_VERSIONS, type AnyDomainEvent } from './catalogue.js';

export interface Upcaster {
  readonly type: string;
  /** The version this upcaster reads; it returns data of `fromVersion + 1`. */
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

export class UpcastError extends Error {
  override readonly name = 'UpcastError';
}

export interface UpcasterRegistry {
  /** The data of `type` at the latest version, from data stored at `schemaVersion`. */
  upcast(type: string, schemaVersion: number, data: unknown): unknown;
  /** The version `upcast` lifts `type` to. */
  latestVersion(type: string): number;
}

/**
 * @param latestVersions the version each type is written with now; types not named are
 *   taken to be at version 1.
 */
export function createUpcasterRegistry(upcasters: readonly Upcaster[], latestVersions: Readonly<Record<string, number>>): UpcasterRegistry {
  const steps = new Map<string, Upcaster['upcast']>();
  for (const u of upcasters) {
    const key = `${u.type}@${u.fromVersion}`;
    if (steps.has(key)) throw new UpcastError(`two upcasters for ${key}`);
    steps.set(key, u.upcast);
  }
  const latestVersion = (type: string): number => latestVersions[type] ?? 1;
  return {
    latestVersion,
    upcast(type, schemaVersion, data) {
      const latest = latestVersion(type);
      if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new UpcastError(`${type}: bad schema version ${schemaVersion}`);
      // Newer data than this code knows: refuse rather than misread it (an old reader
      // running beside a newer writer during a rolling deploy must not guess).
      if (schemaVersion > latest) throw new UpcastError(`${type} v${schemaVersion} is newer than this code (v${latest})`);
      let current = data;
      for (let v = schemaVersion; v < latest; v++) {
        const step = steps.get(`${type}@${v}`);
        if (!step) throw new UpcastError(`no upcaster for ${type} v${v} → v${v + 1}`);
        current = step(current);
      }
      return current;
    },
  };
}

/**
 * The upcasters in use. Every type is at version 1 today, so the list is empty; the
 * upcast spec shows a worked v1 → v2 example with a test-only registry.
 */
export const UPCASTERS: readonly Upcaster[] = [];

export const eventUpcasters: UpcasterRegistry = createUpcasterRegistry(UPCASTERS, CURRENT_SCHEMA_VERSIONS);

/** `upcast(type, schemaVersion, data)` → data in the latest version, with the registry in use. */
export function upcast(type: string, schemaVersion: number, data: unknown): unknown {
  return eventUpcasters.upcast(type, schemaVersion, data);
}

/**
 * A stored event (anything with type, schemaVersion, data, e.g. the store's StoredEvent)
 * as the current domain event. The cast is the trust boundary: the store only holds events
 * our deciders wrote, at the versions the upcasters know.
 */
export function toDomainEvent(
  stored: { type: string; schemaVersion: number; data: unknown },
  registry: UpcasterRegistry = eventUpcasters,
): AnyDomainEvent {
  return {
    type: stored.type,
    schemaVersion: registry.latestVersion(stored.type),
    data: registry.upcast(stored.type, stored.schemaVersion, stored.data),
  } as AnyDomainEvent;
}
