import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type PayloadEvent,
  type StoredEvent,
} from './event-store.port.js';
import { hashEvent } from './hash.js';

/**
 * The one behaviour suite every adapter runs. `open` must give a usable store per test; it may be
 * shared with other data (a running EventStoreDB), so tests use fresh stream names and only look at
 * their own streams and positions after the head they found.
 */
export interface ContractCapabilities {
  /**
   * The store refuses an event id already stored in another stream. Default true. EventStoreDB
   * has no index by event id, so its adapter checks ids within the stream only.
   */
  uniqueIdsAcrossStreams?: boolean;
}

export function eventStoreContract(name: string, open: () => Promise<EventStore>, capabilities: ContractCapabilities = {}): void {
  const uniqueIdsAcrossStreams = capabilities.uniqueIdsAcrossStreams ?? true;
  describe(`${name} — EventStore contract`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('ordering', () => {
      it('keeps per-stream revisions 0-based and $all in append order', async () => {
        const a = stream('order-a');
        const b = stream('order-b');
        const from = (await store.headPosition()) + 1;
        const batches: [string, NewEvent[]][] = [
          [a, events(3, 'A')],
          [b, events(2, 'B')],
          [a, events(2, 'A2')],
        ];
        const results: AppendResult[] = [];
        for (const [s, evs] of batches) results.push(await store.appendToStream(s, evs));

        expect(results.map((r) => r.nextRevision)).toEqual([2, 1, 4]);
        const readA = await store.readStream(a);
        expect(readA.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(readA.map((e) => e.id)).toEqual([...batches[0]![1], ...batches[2]![1]].map((e) => e.id));
        expect(readA.every((e) => e.stream === a)).toBe(true);

        const all = ours(await store.readAll({ fromPosition: from }), [a, b]);
        expect(all.map((e) => e.id)).toEqual(batches.flatMap(([, evs]) => evs.map((e) => e.id)));
        expectIncreasing(all.map((e) => e.position));
        expect(all[all.length - 1]!.position).toBe(results[2]!.position);
        expect(readA[2]!.position).toBe(results[0]!.position);
        expect(await store.headPosition()).toBe(results[2]!.position);
      });

      it('stamps recordedAt as an ISO UTC instant and keeps the rest of the envelope', async () => {
        const s = stream('envelope');
        const before = Date.now();
        const [e] = events(1, 'Envelope', { correlationId: 'corr-1', causationId: 'cause-1' });
        await store.appendToStream(s, [e!]);
        const [stored] = await store.readStream(s);
        expect(stored).toMatchObject({
          id: e!.id,
          stream: s,
          revision: 0,
          type: e!.type,
          schemaVersion: e!.schemaVersion,
          data: e!.data,
          metadata: { ...e!.metadata },
        });
        const recordedAt = stored!.metadata.recordedAt;
        expect(recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(before - 1);
        expect(Date.parse(recordedAt)).toBeLessThanOrEqual(Date.now() + 1);
      });

      it('reads an unknown stream as empty and lists the streams it has', async () => {
        const s = stream('listed');
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.listStreams()).not.toContain(s);
        await store.appendToStream(s, events(1));
        expect(await store.listStreams()).toContain(s);
      });
    });

    describe('expected revision', () => {
      it("'no-stream' succeeds only on a new stream", async () => {
        const s = stream('no-stream');
        expect(await store.appendToStream(s, events(2), { expectedRevision: 'no-stream' })).toMatchObject({
          nextRevision: 1,
        });
        await expectWrongRevision(store.appendToStream(s, events(1), { expectedRevision: 'no-stream' }), s, 'no-stream', 1);
      });

      it("'stream-exists' fails on a new stream and succeeds once it exists", async () => {
        const s = stream('exists');
        await expectWrongRevision(
          store.appendToStream(s, events(1), { expectedRevision: 'stream-exists' }),
          s,
          'stream-exists',
          'no-stream',
        );
        expect(await store.readStream(s)).toEqual([]);
        await store.appendToStream(s, events(1));
        expect(await store.appendToStream(s, events(1), { expectedRevision: 'stream-exists' })).toMatchObject({
          nextRevision: 1,
        });
      });

      it('a number must equal the last revision', async () => {
        const s = stream('number');
        await expectWrongRevision(store.appendToStream(s, events(1), { expectedRevision: 0 }), s, 0, 'no-stream');
        const first = await store.appendToStream(s, events(3));
        expect(first.nextRevision).toBe(2);
        await expectWrongRevision(store.appendToStream(s, events(1), { expectedRevision: 1 }), s, 1, 2);
        await expectWrongRevision(store.appendToStream(s, events(1), { expectedRevision: 3 }), s, 3, 2);
        const next = await store.appendToStream(s, events(1), { expectedRevision: first.nextRevision });
        expect(next.nextRevision).toBe(3);
        expect(next.position).toBeGreaterThan(first.position);
      });

      it("'any' (the default) appends whatever the stream holds", async () => {
        const s = stream('any');
        await store.appendToStream(s, events(1), { expectedRevision: 'any' });
        await store.appendToStream(s, events(1));
        expect((await store.appendToStream(s, events(1), { expectedRevision: 'any' })).nextRevision).toBe(2);
      });
    });

    describe('atomic appends', () => {
      it('stores nothing of a batch that repeats an id', async () => {
        const s = stream('atomic-dup');
        const head = await store.headPosition();
        const [x, y] = events(2);
        await expect(store.appendToStream(s, [x!, y!, { ...x!, type: 'Again' }])).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.headPosition()).toBe(head);
      });

      it('stores nothing of a batch whose later event collides with a stored id', async () => {
        const s = stream('atomic-collide');
        const [stored] = events(1);
        await store.appendToStream(s, [stored!]);
        const head = await store.headPosition();
        await expect(store.appendToStream(s, [...events(2), stored!])).rejects.toBeInstanceOf(EventIdConflict);
        expect((await store.readStream(s)).map((e) => e.id)).toEqual([stored!.id]);
        expect(await store.headPosition()).toBe(head);
      });

      (uniqueIdsAcrossStreams ? it : it.skip)('stores nothing of a batch reusing an id of another stream', async () => {
        const other = stream('atomic-other');
        const s = stream('atomic-foreign');
        const [stored] = events(1);
        await store.appendToStream(other, [stored!]);
        const head = await store.headPosition();
        await expect(store.appendToStream(s, [...events(2), stored!])).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.appendToStream(stream('idem-elsewhere'), [stored!])).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(other)).toHaveLength(1);
      });

      it('stores nothing of a batch with an invalid event', async () => {
        const s = stream('atomic-invalid');
        const [good, bad] = events(2);
        const invalid = { ...bad!, schemaVersion: undefined } as unknown as NewEvent;
        await expect(store.appendToStream(s, [good!, invalid])).rejects.toThrow(TypeError);
        expect(await store.readStream(s)).toEqual([]);
      });

      it('stores nothing of a batch with a conflicting expected revision', async () => {
        const s = stream('atomic-conflict');
        await store.appendToStream(s, events(2));
        await expectWrongRevision(store.appendToStream(s, events(5), { expectedRevision: 0 }), s, 0, 1);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('answers a re-append of the same ids with the original result and stores nothing new', async () => {
        const s = stream('idem');
        const batch = events(3);
        const original = await store.appendToStream(s, batch, { expectedRevision: 'no-stream' });
        const head = await store.headPosition();

        expect(await store.appendToStream(s, batch, { expectedRevision: 'no-stream' })).toEqual(original);
        expect(await store.appendToStream(s, batch)).toEqual(original);
        await store.appendToStream(s, events(1));
        // The expected revision no longer matches, yet the call already succeeded once.
        expect(await store.appendToStream(s, batch, { expectedRevision: 'no-stream' })).toEqual(original);
        expect(await store.appendToStream(s, batch, { expectedRevision: 0 })).toEqual(original);

        const read = await store.readStream(s);
        expect(read).toHaveLength(4);
        expect(await store.headPosition()).toBeGreaterThan(head);
        const first = read[0]!;
        expect(await store.appendToStream(s, [batch[0]!])).toEqual({ nextRevision: 0, position: first.position });
      });

      it('rejects a partial overlap or a reordered re-append', async () => {
        const s = stream('idem-partial');
        const batch = events(2);
        await store.appendToStream(s, batch);
        await expect(store.appendToStream(s, [batch[1]!, ...events(1)])).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.appendToStream(s, [batch[1]!, batch[0]!])).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('racing appenders', () => {
      it('lets exactly one of N appends with the same expected revision win', async () => {
        const s = stream('race');
        await store.appendToStream(s, events(1));
        const calls = Array.from({ length: 8 }, () => store.appendToStream(s, events(2), { expectedRevision: 0 }));
        const settled = await Promise.allSettled(calls);
        const won = settled.filter((r) => r.status === 'fulfilled');
        const lost = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const error of lost) {
          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect(error).toMatchObject({ stream: s, expected: 0, actual: 2 });
        }
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expectChain(read);
      });

      it("serialises N 'any' appends into one gapless chain", async () => {
        const s = stream('race-any');
        const results = await Promise.all(Array.from({ length: 10 }, () => store.appendToStream(s, events(3))));
        expect(results.map((r) => r.nextRevision).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i * 3 + 2));
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 30 }, (_, i) => i));
        expectChain(read);
      });
    });

    describe('readStream options', () => {
      let s: string;
      beforeEach(async () => {
        s = stream('read');
        await store.appendToStream(s, events(4));
        await store.appendToStream(s, events(6));
      });
      const revisions = (list: StoredEvent[]) => list.map((e) => e.revision);

      it('reads forwards from a revision, with a maximum count', async () => {
        expect(revisions(await store.readStream(s, { fromRevision: 3 }))).toEqual([3, 4, 5, 6, 7, 8, 9]);
        expect(revisions(await store.readStream(s, { maxCount: 2 }))).toEqual([0, 1]);
        expect(revisions(await store.readStream(s, { fromRevision: 8, maxCount: 5 }))).toEqual([8, 9]);
        expect(await store.readStream(s, { fromRevision: 10 })).toEqual([]);
      });

      it('reads for a fold what readStream reads', async () => {
        const lean = ({ type, schemaVersion, data, revision, position }: StoredEvent) => ({
          type,
          schemaVersion,
          data,
          revision,
          position,
        });
        expect(await store.readStreamForFold(s, 3)).toEqual((await store.readStream(s, { fromRevision: 3 })).map(lean));
        expect(await store.readStreamForFold(s, 0)).toEqual((await store.readStream(s)).map(lean));
        expect(await store.readStreamForFold(s, 10)).toEqual([]);
        expect(await store.readStreamForFold(stream('never-written'), 0)).toEqual([]);
      });

      it('reads backwards from the end or from a revision', async () => {
        expect(revisions(await store.readStream(s, { direction: 'backwards' }))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', maxCount: 1 }))).toEqual([9]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', fromRevision: 5, maxCount: 3 }))).toEqual([5, 4, 3]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', fromRevision: 1 }))).toEqual([1, 0]);
      });
    });

    it('pages through $all without gap or duplicate', async () => {
      const names = [stream('page-a'), stream('page-b'), stream('page-c')];
      const from = (await store.headPosition()) + 1;
      const appended: string[] = [];
      for (let i = 0; i < 9; i++) {
        const evs = events(1 + (i % 3));
        await store.appendToStream(names[i % 3]!, evs);
        appended.push(...evs.map((e) => e.id));
      }
      const pages: StoredEvent[][] = [];
      let next = from;
      for (;;) {
        const page = await store.readAll({ fromPosition: next, maxCount: 4 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(4);
        expect(page[0]!.position).toBeGreaterThanOrEqual(next);
        pages.push(page);
        next = page[page.length - 1]!.position + 1;
      }
      const seen = ours(pages.flat(), names);
      expect(seen.map((e) => e.id)).toEqual(appended);
      expectIncreasing(pages.flat().map((e) => e.position));
      const whole = ours(await store.readAll({ fromPosition: from }), names);
      expect(whole.map((e) => e.position)).toEqual(seen.map((e) => e.position));
    });

    describe('subscribeToAll', () => {
      it('catches up, follows live appends, and resumes from a checkpoint', async () => {
        const names = [stream('sub-a'), stream('sub-b')];
        const from = (await store.headPosition()) + 1;
        const expected: string[] = [];
        const append = async (i: number, n: number) => {
          const evs = events(n);
          await store.appendToStream(names[i % 2]!, evs);
          expected.push(...evs.map((e) => e.id));
        };
        for (let i = 0; i < 5; i++) await append(i, 1);

        const received: StoredEvent[] = [];
        let inHandler = 0;
        let maxInHandler = 0;
        const batchSizes: number[] = [];
        const sub = store.subscribeToAll({ fromPosition: from, batchSize: 2 }, async (batch) => {
          inHandler += 1;
          maxInHandler = Math.max(maxInHandler, inHandler);
          batchSizes.push(batch.length);
          await delay(5); // slow handler: appends keep arriving while it works
          received.push(...batch);
          inHandler -= 1;
        });
        await waitFor(() => ours(received, names).length === 5);
        for (let i = 5; i < 12; i++) await append(i, 1 + (i % 3));
        await waitFor(() => ours(received, names).length === expected.length);
        await sub.stop();
        await sub.done;

        expect(ours(received, names).map((e) => e.id)).toEqual(expected);
        expectIncreasing(received.map((e) => e.position));
        expect(maxInHandler).toBe(1);
        expect(Math.max(...batchSizes)).toBeLessThanOrEqual(2);

        const checkpoint = received[received.length - 1]!.position;
        const later: string[] = [];
        for (let i = 0; i < 3; i++) {
          const evs = events(2);
          await store.appendToStream(names[0]!, evs);
          later.push(...evs.map((e) => e.id));
        }
        const resumed: StoredEvent[] = [];
        const again = store.subscribeToAll({ fromPosition: checkpoint + 1 }, (batch) => {
          resumed.push(...batch);
        });
        await waitFor(() => ours(resumed, names).length >= later.length);
        await delay(50);
        await again.stop();
        expect(ours(resumed, names).map((e) => e.id)).toEqual(later);
      });

      it('stop() waits for the running handler and delivers nothing after', async () => {
        const s = stream('sub-stop');
        const from = (await store.headPosition()) + 1;
        await store.appendToStream(s, events(3));
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const batches: StoredEvent[][] = [];
        let handlerDone = false;
        const sub = store.subscribeToAll({ fromPosition: from, batchSize: 1 }, async (batch) => {
          batches.push(batch);
          await held;
          handlerDone = true;
        });
        await waitFor(() => batches.length === 1);
        let stopped = false;
        const stopping = sub.stop().then(() => (stopped = true));
        await delay(30);
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(handlerDone).toBe(true);
        await store.appendToStream(s, events(1));
        await delay(50);
        expect(batches).toHaveLength(1);
        await expect(sub.done).resolves.toBeUndefined();
      });

      it('delivers payloads as subscribeToAll delivers events, live appends too', async () => {
        const s = stream('sub-payloads');
        const from = (await store.headPosition()) + 1;
        await store.appendToStream(s, events(5));
        const payload = ({ position, stream, revision, type, schemaVersion, data }: PayloadEvent) => ({
          position,
          stream,
          revision,
          type,
          schemaVersion,
          data,
        });
        // Windows of 2 first read whole by subscribeToAll (kept parsed by some adapters), then by payloads alone.
        const full: StoredEvent[] = [];
        const first = store.subscribeToAll({ fromPosition: from, batchSize: 2 }, (batch) => void full.push(...batch));
        await waitFor(() => full.length === 5);
        const received: PayloadEvent[] = [];
        const sub = store.subscribeToAllPayloads({ fromPosition: from, batchSize: 2 }, (batch) => void received.push(...batch));
        const alone: PayloadEvent[] = [];
        const other = store.subscribeToAllPayloads({ fromPosition: from + 1, batchSize: 3 }, (batch) => void alone.push(...batch));
        await waitFor(() => received.length === 5 && alone.length === 4);
        await store.appendToStream(s, events(2));
        await waitFor(() => full.length === 7 && received.length === 7 && alone.length === 6);
        await Promise.all([first.stop(), sub.stop(), other.stop()]);
        // At least the payload: an adapter may hand out whole events it already has parsed.
        expect(received.map(payload)).toEqual(full.map(payload));
        expect(alone.map(payload)).toEqual(full.slice(1).map(payload));
      });

      it('reads the events up to a position by stream, then revision, in pages, where the adapter declares it', async () => {
        const reads = store.capabilities.streamOrderedReads;
        if (!reads) return;
        // Streams named to sort after any other test's, appended interleaved.
        const [a, b] = [stream('~by-stream-a'), stream('~by-stream-b')];
        await store.appendToStream(b, events(2));
        await store.appendToStream(a, events(1));
        await store.appendToStream(b, events(1));
        const { position: upTo } = await store.appendToStream(a, events(2));
        await store.appendToStream(a, events(1)); // after upTo: not read
        const all = (await store.readAll()).filter((e) => e.stream === a || e.stream === b);
        const payload = ({ position, stream, revision, type, schemaVersion, data }: PayloadEvent) => ({
          position,
          stream,
          revision,
          type,
          schemaVersion,
          data,
        });
        const expected = all
          .filter((e) => e.position <= upTo)
          .sort((x, y) => (x.stream < y.stream ? -1 : x.stream > y.stream ? 1 : x.revision - y.revision));
        // Start just before stream a; page by the last event read.
        const pages: PayloadEvent[][] = [];
        let after = { stream: a.slice(0, -1), revision: Number.MAX_SAFE_INTEGER };
        for (;;) {
          const page = await reads.readAllByStream(upTo, after, 2);
          if (page.length === 0) break;
          pages.push(page);
          after = { stream: page.at(-1)!.stream, revision: page.at(-1)!.revision };
        }
        // Streams left by earlier runs on a persistent store may sort among these: keep ours.
        expect(pages.every((p) => p.length <= 2)).toBe(true);
        expect(
          pages
            .flat()
            .filter((e) => e.stream === a || e.stream === b)
            .map(payload),
        ).toEqual(expected.map(payload));
        // Whole envelopes (metadata, hashes) in the same order.
        const whole: StoredEvent[] = [];
        after = { stream: a.slice(0, -1), revision: Number.MAX_SAFE_INTEGER };
        for (;;) {
          const page = await reads.readAllEventsByStream(upTo, after, 3);
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          whole.push(...page);
          after = { stream: page.at(-1)!.stream, revision: page.at(-1)!.revision };
        }
        expect(whole.filter((e) => e.stream === a || e.stream === b)).toEqual(expected);
      });

      it('rejects done when the handler throws', async () => {
        const s = stream('sub-throw');
        const from = (await store.headPosition()) + 1;
        await store.appendToStream(s, events(1));
        const sub = store.subscribeToAll({ fromPosition: from }, () => {
          throw new Error('projection bug');
        });
        await expect(sub.done).rejects.toThrow('projection bug');
        await sub.stop();
      });
    });

    it('round-trips a 1 MB payload', async () => {
      const s = stream('large');
      // Just under 1 MB of JSON: EventStoreDB's default maximum append size is 1 MiB per append.
      const big = { text: 'æøå-'.repeat(141_000), list: Array.from({ length: 1000 }, (_, i) => ({ i })) };
      const bytes = Buffer.byteLength(JSON.stringify(big));
      expect(bytes).toBeGreaterThan(990_000);
      expect(bytes).toBeLessThan(1_000_000);
      const [e] = events(1);
      await store.appendToStream(s, [{ ...e!, data: big }]);
      const [stored] = await store.readStream(s);
      expect(stored!.data).toEqual(big);
      expect(hashEvent(stored!)).toBe(stored!.hash);
    });

    it('keeps Norwegian text and emoji verbatim, in data, metadata, type and stream name', async () => {
      const s = stream('elev-Ærøskøbing-Åse');
      const data = {
        navn: 'Øystein Åsmund Ærlig',
        merknad: 'Fravær pga. blåbærsyltetøy-allergi 🫐🎒📚 — «sitat» ÆØÅ æøå',
        nested: { 'nøkkel-å': ['ø', 'é', '\u0000', '\u2028', '👩🏽‍🏫'] },
      };
      const [e] = events(1);
      const event: NewEvent = {
        ...e!,
        type: 'FraværRegistrert',
        data,
        metadata: { ...e!.metadata, actor: { id: 'lærer-Ødegård', role: 'kontaktlærer' } },
      };
      await store.appendToStream(s, [event]);
      const [stored] = await store.readStream(s);
      expect(stored!.stream).toBe(s);
      expect(stored!.type).toBe('FraværRegistrert');
      expect(stored!.data).toEqual(data);
      expect(stored!.metadata.actor).toEqual({ id: 'lærer-Ødegård', role: 'kontaktlærer' });
      expect(await store.listStreams()).toContain(s);
      expect(hashEvent(stored!)).toBe(stored!.hash);
    });

    it('chains hashes per stream: previousHash is the prior hash and hashEvent recomputes each', async () => {
      const s = stream('chain');
      const other = stream('chain-other');
      await store.appendToStream(s, events(3));
      await store.appendToStream(other, events(2));
      await store.appendToStream(s, events(1), { expectedRevision: 2 });
      await store.appendToStream(s, events(4));
      const read = await store.readStream(s);
      expect(read).toHaveLength(8);
      expectChain(read);
      expectChain(await store.readStream(other));
      expect(read[0]!.hash).not.toBe((await store.readStream(other))[0]!.hash);
    });

    it('closes idempotently', async () => {
      await store.close();
      await store.close();
    });
  });
}

// --- helpers -------------------------------------------------------------------------------

function stream(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

function events(n: number, type = 'TestEvent', extra: Partial<NewEvent['metadata']> = {}): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data: { i, note: `event ${i}` },
    metadata: {
      actor: { id: 'user-1', role: 'teacher' },
      occurredAt: '2026-01-15T08:30:00.000Z',
      ...extra,
    },
  }));
}

/** Only the events of the given streams (a shared store may hold others). */
function ours(list: StoredEvent[], streams: string[]): StoredEvent[] {
  return list.filter((e) => streams.includes(e.stream));
}

function expectIncreasing(positions: number[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
}

function expectChain(read: StoredEvent[]): void {
  read.forEach((e, i) => {
    expect(e.revision).toBe(i);
    expect(e.previousHash).toBe(i === 0 ? null : read[i - 1]!.hash);
    expect(hashEvent(e)).toBe(e.hash);
  });
}

async function expectWrongRevision(
  call: Promise<unknown>,
  stream: string,
  expected: ExpectedRevision,
  actual: number | 'no-stream',
): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  expect(error).toMatchObject({ stream, expected, actual });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}
