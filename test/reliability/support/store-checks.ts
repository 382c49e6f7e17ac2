/**
 * Checks on a service's DATA_DIR after it has stopped: the event store's own invariants, the
 * hash chains (the real CLI's `verify`, i.e. `verifyAllStreams`), and the read models against
 * a rebuild from scratch (the real CLI's `rebuild all`, i.e. `rebuildProjections`, run on a
 * copy of the directory). The CLI runs compiled, as a child process: nest-commander is
 * CommonJS and cannot load the ESM-only @nestjs/common inside jest's module VM.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyReport } from '#cli/commands/verify.command.js';
import { ROOT, type BuiltService } from './service.js';
import { verifyChain } from '#audit/verify-chain.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { openEventStore } from '#application/stores/open-stores.js';
import { readGenerationRecord } from '#read-models/projector/generations.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { dumpGeneration, type ReadModelDump } from '#testing/read-models/dump-read-model.js';

/** Every event as the service reads them: personal fields opened with the keys in DATA_DIR. */
export async function readAllEvents(dataDir: string): Promise<StoredEvent[]> {
  const store = await openEventStore({ dataDir, eventstoreUrl: null, mongodbUrl: null, notice: () => undefined });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

/** Every event as stored in events.sqlite: personal fields sealed. */
export async function readSealedEvents(dataDir: string): Promise<StoredEvent[]> {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

export interface StoreHead {
  count: number;
  head: number;
  lastHash: string | null;
}

/** Count, head position and last hash: equal before and after means nothing was appended. */
export function headOf(events: readonly StoredEvent[]): StoreHead {
  return { count: events.length, head: events.at(-1)?.position ?? 0, lastHash: events.at(-1)?.hash ?? null };
}

/** Problems with the store's shape (empty when sound): dense positions, dense revisions, chains. */
export function storeProblems(events: readonly StoredEvent[]): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.position !== i + 1) problems.push(`position ${e.position} at index ${i}`);
  });
  const ids = new Set<string>();
  for (const e of events) {
    if (ids.has(e.id)) problems.push(`event id ${e.id} stored twice`);
    ids.add(e.id);
  }
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
  for (const [stream, list] of byStream) {
    list.forEach((e, i) => {
      if (e.revision !== i) problems.push(`${stream}: revision ${e.revision} at index ${i}`);
    });
    const chain = verifyChain(list);
    if (!chain.valid) problems.push(`${stream}: chain broken at ${chain.brokenAt} (${chain.reason})`);
  }
  return problems;
}

/** `node apps/cli/main.js <args>` from the build, on `dataDir`; its stdout. */
export function runCli(built: BuiltService, dataDir: string, args: string[]): string {
  const result = spawnSync(process.execPath, [join(built.outDir, 'apps/cli/main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} exited ${result.status} ${result.signal ?? ''}: ${result.stderr}`);
  return result.stdout;
}

export function verifyDataDir(built: BuiltService, dataDir: string): VerifyReport {
  const out = runCli(built, dataDir, ['verify']);
  return JSON.parse(out.slice(out.indexOf('{'))) as VerifyReport;
}

/** Every projection's serving generation, dumped document by document. */
export async function dumpServing(dataDir: string): Promise<{ dumps: Record<string, ReadModelDump>; checkpoints: Record<string, number> }> {
  const store = new SqliteDocumentStore({ path: join(dataDir, 'read-models.sqlite') });
  try {
    const dumps: Record<string, ReadModelDump> = {};
    const checkpoints: Record<string, number> = {};
    for (const projection of ALL_PROJECTIONS) {
      const record = await readGenerationRecord(store, projection.name);
      if (!record) throw new Error(`no generation record for ${projection.name}`);
      dumps[projection.name] = await dumpGeneration(projection, store, record.generation);
      checkpoints[projection.name] = await store.getCheckpoint(`${projection.name}#${record.generation}`);
    }
    return { dumps, checkpoints };
  } finally {
    await store.close();
  }
}

/**
 * The read models in `dataDir` as they are, and the same rebuilt from the first event by
 * `rebuildProjections('all')` in a copy of the directory (the original is not touched).
 */
export async function servingAndRebuilt(
  built: BuiltService,
  dataDir: string,
): Promise<{
  serving: Record<string, ReadModelDump>;
  rebuilt: Record<string, ReadModelDump>;
  checkpoints: Record<string, number>;
}> {
  const copy = mkdtempSync(join(tmpdir(), 'reliability-rebuild-'));
  try {
    cpSync(dataDir, copy, { recursive: true });
    const { dumps: serving, checkpoints } = await dumpServing(dataDir);
    runCli(built, copy, ['rebuild', 'all']);
    const { dumps: rebuilt } = await dumpServing(copy);
    return { serving, rebuilt, checkpoints };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
