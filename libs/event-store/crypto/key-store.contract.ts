/** What every key store does (key-store.port.ts): one suite, run against each adapter. */
import { describe, expect, it } from '@jest/globals';
import type { KeyStore, StoredDataKey } from './key-store.port.js';

export function keyStoreContract(name: string, open: () => Promise<KeyStore>): void {
  describe(`key store contract: ${name}`, () => {
    const key = (subject: string, wrapped = `w-${subject}`, kek = 'k1') => ({
      subject,
      wrapped,
      kek,
      createdAt: '2026-12-04T00:00:00.000Z',
    });

    it('creates a key once: a second create answers with the first', async () => {
      const store = await open();
      try {
        expect(await store.create(key('a', 'first'))).toMatchObject({ subject: 'a', wrapped: 'first', kek: 'k1', destroyedAt: null });
        expect(await store.create(key('a', 'second'))).toMatchObject({ subject: 'a', wrapped: 'first' });
        expect([...(await store.get(['a', 'nobody'])).keys()]).toEqual(['a']);
      } finally {
        await store.close();
      }
    });

    it('destroys a key for good, once, and keeps that it was', async () => {
      const store = await open();
      try {
        await store.create(key('b'));
        expect(await store.destroy('b', '2026-12-05T00:00:00.000Z')).toBe(true);
        expect(await store.destroy('b', '2026-12-06T00:00:00.000Z')).toBe(false);
        const [stored] = (await store.get(['b'])).values();
        expect(stored).toMatchObject({ subject: 'b', wrapped: null, destroyedAt: '2026-12-05T00:00:00.000Z' });
        // Rewrapping a destroyed key brings nothing back.
        await store.rewrap('b', 'again', 'k2');
        expect((await store.get(['b'])).get('b')!.wrapped).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('lists keys in subject order, finds those wrapped by another KEK, rewraps, and imports without overwriting', async () => {
      const store = await open();
      try {
        await store.create(key('c', 'wc', 'old'));
        await store.create(key('d', 'wd', 'new'));
        expect((await store.wrappedByOther('new', 10)).map((k) => k.subject)).toEqual(expect.arrayContaining(['c']));
        await store.rewrap('c', 'wc2', 'new');
        expect((await store.wrappedByOther('new', 10)).map((k) => k.subject)).not.toContain('c');
        const imported: StoredDataKey[] = [
          { subject: 'd', wrapped: 'other', kek: 'x', createdAt: '2026-01-01', destroyedAt: null },
          { subject: 'e', wrapped: null, kek: 'x', createdAt: '2026-01-01', destroyedAt: '2026-02-01' },
        ];
        await store.importKeys(imported);
        expect((await store.get(['d'])).get('d')!.wrapped).toBe('wd');
        expect((await store.get(['e'])).get('e')).toMatchObject({ wrapped: null, destroyedAt: '2026-02-01' });
        const all = await store.list(null, 100);
        expect(all.map((k) => k.subject)).toEqual([...all.map((k) => k.subject)].sort());
        const after = await store.list('c', 1);
        expect(after.map((k) => k.subject)).toEqual(['d']);
      } finally {
        await store.close();
      }
    });
  });
}
