/**
 * `cli encrypt-existing`: data written before personal fields were encrypted, moved into a new
 * store with every personal field sealed under its student's key (api.md, Privacy). A log is not
 * edited in place: the events are copied in order with their ids, times and actors, each stream's
 * hash chain computed afresh over the sealed fields, and the old store is left as it was for the
 * operator to keep or remove once the new one is in service. Fields already sealed are opened
 * with the source's keys and sealed again with the target's.
 */
import { hashEvent } from '#event-store/hash.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { verifyChain } from '#audit/verify-chain.js';
import { openSide, type CopyOptions } from './copy-stores.js';

export interface EncryptProgress {
  events: number;
  position: number;
  headPosition: number;
}

export interface EncryptReport extends EncryptProgress {
  streams: number;
  /** Streams whose new chain verifies (all of them, or the command fails). */
  intact: number;
}

export async function encryptExisting(options: CopyOptions, onProgress?: (p: EncryptProgress) => void): Promise<EncryptReport> {
  const from = await openSide(options.from, options.fromDataDir, options.fromUrl);
  try {
    const to = await openSide(options.to, options.toDataDir, options.toUrl);
    try {
      const target = to.capabilities.sealed!;
      const importer = target.capabilities.importer;
      if (!importer) throw new Error(`the ${options.to} adapter cannot import events`);
      if ((await target.headPosition()) > 0) throw new Error('encrypt-existing writes a new store: the target must be empty');
      const source = from.capabilities.sealed!;
      const progress: EncryptProgress = { events: 0, position: 0, headPosition: await source.headPosition() };
      const heads = new Map<string, string>();
      for (;;) {
        const page = await from.open(await source.readAll({ fromPosition: progress.position + 1, maxCount: 1000 }));
        if (page.length === 0) break;
        const sealed = await sealPage(to, page);
        const rehashed = sealed.map((event) => {
          const next: StoredEvent = { ...event, previousHash: heads.get(event.stream) ?? null };
          next.hash = hashEvent(next);
          heads.set(event.stream, next.hash);
          return next;
        });
        await importer.importEvents(rehashed);
        progress.events += page.length;
        progress.position = page.at(-1)!.position;
        onProgress?.({ ...progress });
      }
      const streams = await target.listStreams();
      let intact = 0;
      for (const stream of streams) if (verifyChain(await target.readStream(stream)).valid) intact++;
      if (intact !== streams.length) throw new Error(`${streams.length - intact} chains of the new store do not verify`);
      return { ...progress, streams: streams.length, intact };
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

/** Seals a page stream by stream (a case's opening event names whose key its fields take), keeping the page's order. */
async function sealPage(to: Awaited<ReturnType<typeof openSide>>, page: StoredEvent[]): Promise<StoredEvent[]> {
  const byStream = new Map<string, StoredEvent[]>();
  for (const event of page) byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
  const sealedData = new Map<string, unknown>();
  for (const [stream, events] of byStream) {
    const sealed = await to.seal(
      stream,
      events.map((e) => ({ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata })),
    );
    sealed.forEach((e) => sealedData.set(e.id, e.data));
  }
  return page.map((event) => ({ ...event, data: sealedData.get(event.id) }));
}
