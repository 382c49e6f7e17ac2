import { describe, expect, it } from '@jest/globals';
import { IDEMPOTENCY_RETENTION_MS, type IdempotencyStore } from './idempotency.store.js';

const response = { status: 201, body: { absenceId: 'a-1' }, headers: { 'X-Position': '42' } };

export interface IdempotencyStoreFixture {
  /** A store on fresh, empty storage, with the given clock. */
  open(now?: () => number): Promise<IdempotencyStore>;
  /**
   * `store` dies with a request running (its process killed); returns the store the retry meets:
   * the restarted process on the embedded store, another instance on a shared one.
   */
  afterCrash(store: IdempotencyStore): Promise<IdempotencyStore>;
}

/** The one contract every idempotency store passes. */
export function idempotencyStoreContract(name: string, fixture: IdempotencyStoreFixture): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    it('claims a key, replays it after completion, and refuses another request hash', async () => {
      const store = await fixture.open();
      expect(await store.begin('u1', 'k', 'h1')).toEqual({ kind: 'new', orphan: false });
      expect(await store.begin('u1', 'k', 'h1')).toEqual({ kind: 'pending' });
      await store.complete('u1', 'k', response);
      expect(await store.begin('u1', 'k', 'h1')).toEqual({ kind: 'replay', response });
      expect(await store.begin('u1', 'k', 'h2')).toEqual({ kind: 'mismatch' });
      expect(await store.begin('u2', 'k', 'h2')).toEqual({ kind: 'new', orphan: false });
      await store.close();
    });

    it('frees an abandoned key', async () => {
      const store = await fixture.open();
      await store.begin('u1', 'k', 'h1');
      await store.abandon('u1', 'k');
      expect(await store.begin('u1', 'k', 'h2')).toEqual({ kind: 'new', orphan: false });
      await store.close();
    });

    it('keeps rows 24 h and expires them after', async () => {
      let now = 1_000_000_000_000;
      const store = await fixture.open(() => now);
      await store.begin('u1', 'k', 'h1');
      await store.complete('u1', 'k', response);
      now += IDEMPOTENCY_RETENTION_MS - 1000;
      expect((await store.begin('u1', 'k', 'h1')).kind).toBe('replay');
      now += 2000;
      expect(await store.begin('u1', 'k', 'h2')).toEqual({ kind: 'new', orphan: false });
      await store.close();
    });

    it('keeps completed keys across a crash, and lets the retry of a key left pending run once, as an orphan', async () => {
      const first = await fixture.open();
      await first.begin('u1', 'done', 'h1');
      await first.complete('u1', 'done', response);
      await first.begin('u1', 'crashed', 'h1');
      const second = await fixture.afterCrash(first);
      expect(await second.begin('u1', 'done', 'h1')).toEqual({ kind: 'replay', response });
      expect(await second.begin('u1', 'crashed', 'h1')).toEqual({ kind: 'new', orphan: true });
      // Only the first retry is told the key may have appended; it now holds the key itself.
      expect(await second.begin('u1', 'crashed', 'h1')).toEqual({ kind: 'pending' });
      await second.close();
    });
  });
}
