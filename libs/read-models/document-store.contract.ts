import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Doc, DocumentStore } from './document-store.port.js';

/**
 * The one contract every read-model store adapter passes. `open` must return a fresh, empty
 * store each time; the suite closes it after each test.
 */
export function documentStoreContract(name: string, open: () => DocumentStore | Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('get, upsert, delete', () => {
      it('reads a missing document, or one in an unknown collection, as undefined', async () => {
        expect(await store.get('students', 'nobody')).toBeUndefined();
        await store.ensureCollection({ name: 'students', indexes: [] });
        expect(await store.get('students', 'nobody')).toBeUndefined();
      });

      it('stores a document and reads back an equal copy', async () => {
        const doc = { name: 'Kari', grade: 7, tags: ['a', 'b'], nested: { ok: true, none: null } };
        await store.upsert('students', 's1', doc);
        expect(await store.get('students', 's1')).toEqual(doc);
      });

      it('replaces the whole document on upsert (no merge)', async () => {
        await store.upsert('students', 's1', { name: 'Kari', grade: 7 });
        await store.upsert('students', 's1', { name: 'Kari N.' });
        expect(await store.get('students', 's1')).toEqual({ name: 'Kari N.' });
      });

      it('drops undefined members, as JSON does', async () => {
        await store.upsert('students', 's1', { name: 'Kari', missing: undefined });
        expect(await store.get('students', 's1')).toEqual({ name: 'Kari' });
        expect(Object.keys((await store.get('students', 's1'))!)).toEqual(['name']);
      });

      it('keeps collections apart: the same id in two collections is two documents', async () => {
        await store.upsert('a', 'x', { in: 'a' });
        await store.upsert('b', 'x', { in: 'b' });
        expect(await store.get('a', 'x')).toEqual({ in: 'a' });
        expect(await store.get('b', 'x')).toEqual({ in: 'b' });
      });

      it('deletes a document; deleting a missing one is fine', async () => {
        await store.upsert('students', 's1', { name: 'Kari' });
        await store.delete('students', 's1');
        await store.delete('students', 's1');
        await store.delete('never-created', 's1');
        expect(await store.get('students', 's1')).toBeUndefined();
      });

      it('reads many ids at once, leaving out the missing ones', async () => {
        await store.upsert('students', 's1', { n: 1 });
        await store.upsert('students', 's3', { n: 3 });
        const found = await store.getMany('students', ['s1', 's2', 's3']);
        expect([...found.entries()].sort()).toEqual([
          ['s1', { n: 1 }],
          ['s3', { n: 3 }],
        ]);
        expect((await store.getMany('unknown', ['s1'])).size).toBe(0);
      });

      it('rejects invalid names, ids and documents', async () => {
        await expect(store.upsert('checkpoints', 'x', {})).rejects.toThrow(/collection name/);
        await expect(store.upsert('bad$name', 'x', {})).rejects.toThrow(/collection name/);
        await expect(store.upsert('students', '', {})).rejects.toThrow(/id/);
        await expect(store.upsert('students', 'x', [] as unknown as Doc)).rejects.toThrow(/object/);
        await expect(store.upsert('students', 'x', { _id: 'y' })).rejects.toThrow(/_id/);
        await expect(store.find('students', { $where: 'x' })).rejects.toThrow(/field path/);
        await expect(store.ensureCollection({ name: 'students', indexes: ['a..b'] })).rejects.toThrow(/field path/);
      });
    });

    describe('collections', () => {
      it('declares collections idempotently and lists them', async () => {
        await store.ensureCollection({ name: 'absence-list_g1', indexes: ['schoolId', 'student.grade'] });
        await store.ensureCollection({ name: 'absence-list_g1', indexes: ['schoolId', 'student.grade'] });
        await store.ensureCollection({ name: 'concern', indexes: [] });
        const names = await store.listCollections();
        expect(names).toEqual(expect.arrayContaining(['absence-list_g1', 'concern']));
        expect(names).not.toContain('checkpoints');
      });

      it('deletes a collection with its documents; it can be used again afterwards', async () => {
        await store.ensureCollection({ name: 'stats', indexes: ['schoolId'] });
        await store.upsert('stats', 'x', { schoolId: 's' });
        await store.deleteCollection('stats');
        await store.deleteCollection('stats');
        expect(await store.listCollections()).not.toContain('stats');
        expect(await store.get('stats', 'x')).toBeUndefined();
        expect(await store.find('stats', { schoolId: 's' })).toEqual([]);
        await store.ensureCollection({ name: 'stats', indexes: ['schoolId'] });
        await store.upsert('stats', 'y', { schoolId: 's' });
        expect(await store.find('stats', { schoolId: 's' })).toEqual([{ schoolId: 's' }]);
      });
    });

    describe('find', () => {
      const docs: Record<string, Doc> = {
        a: { schoolId: 'sk1', grade: 3, open: true, name: 'Åse', on: '2026-01-10', student: { grade: 3 } },
        b: { schoolId: 'sk1', grade: 7, open: false, name: 'Bjørn', on: '2026-02-01', student: { grade: 7 } },
        c: { schoolId: 'sk2', grade: 7, open: true, name: 'Cecilie', on: '2026-03-15', student: { grade: 7 } },
        d: { schoolId: 'sk2', grade: 10, name: 'Dag', on: '2025-12-24', student: { grade: 10 } },
        e: { schoolId: 'sk1', grade: '7', open: 1, name: 'Eirik', student: { grade: '7' } },
      };

      beforeEach(async () => {
        await store.ensureCollection({ name: 'rows', indexes: ['schoolId', 'grade', 'open', 'on', 'student.grade'] });
        await store.commit({ writes: Object.entries(docs).map(([id, doc]) => ({ op: 'upsert', collection: 'rows', id, doc })) });
      });

      const ids = (rows: Doc[]): string[] => rows.map((r) => String(r.name).slice(0, 1).toLowerCase().replace('å', 'a'));

      it('returns every document, ordered by id, without a filter', async () => {
        expect(ids(await store.find('rows'))).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(await store.count('rows')).toBe(5);
      });

      it('matches strings, numbers and booleans by type, as MongoDB does', async () => {
        expect(ids(await store.find('rows', { schoolId: 'sk1' }))).toEqual(['a', 'b', 'e']);
        expect(ids(await store.find('rows', { grade: 7 }))).toEqual(['b', 'c']);
        expect(ids(await store.find('rows', { grade: '7' }))).toEqual(['e']);
        expect(ids(await store.find('rows', { open: true }))).toEqual(['a', 'c']);
        expect(ids(await store.find('rows', { open: 1 }))).toEqual(['e']);
        expect(ids(await store.find('rows', { schoolId: 'sk1', grade: 7 }))).toEqual(['b']);
        expect(await store.count('rows', { schoolId: 'sk2' })).toBe(2);
      });

      it('matches null as null or missing', async () => {
        expect(ids(await store.find('rows', { open: null }))).toEqual(['d']);
        expect(ids(await store.find('rows', { on: { eq: null } }))).toEqual(['e']);
      });

      it('matches nested fields by dotted path', async () => {
        expect(ids(await store.find('rows', { 'student.grade': 7 }))).toEqual(['b', 'c']);
      });

      it('matches `in` lists of mixed types', async () => {
        expect(ids(await store.find('rows', { grade: { in: [3, 10] } }))).toEqual(['a', 'd']);
        expect(ids(await store.find('rows', { grade: { in: ['7', 3] } }))).toEqual(['a', 'e']);
        expect(ids(await store.find('rows', { open: { in: [false, null] } }))).toEqual(['b', 'd']);
        expect(await store.find('rows', { grade: { in: [] } })).toEqual([]);
        expect(ids(await store.find('rows', { grade: { in: [true, '7', 3, '[7]'] }, schoolId: { in: ['sk1', 'sk2', 'sk1'] } }))).toEqual([
          'a',
          'e',
        ]);
      });

      it('matches an `in` list of thousands of ids (PPT reads the dates of every student it follows)', async () => {
        const many = Array.from({ length: 5000 }, (_, i) => `x${i}`);
        expect(ids(await store.find('rows', { schoolId: { in: [...many, 'sk2'] } }))).toEqual(
          ids(await store.find('rows', { schoolId: 'sk2' })),
        );
        expect(ids(await store.find('rows', { schoolId: { in: many } }))).toEqual([]);
      });

      it('matches ranges within the bound type only', async () => {
        expect(ids(await store.find('rows', { grade: { gte: 7 } }))).toEqual(['b', 'c', 'd']);
        expect(ids(await store.find('rows', { grade: { gt: 3, lt: 10 } }))).toEqual(['b', 'c']);
        expect(ids(await store.find('rows', { grade: { lte: 3 } }))).toEqual(['a']);
        // ISO dates compare as strings.
        expect(ids(await store.find('rows', { on: { gte: '2026-01-01', lt: '2026-03-01' } }))).toEqual(['a', 'b']);
        expect(ids(await store.find('rows', { grade: { gte: '0' } }))).toEqual(['e']);
      });

      it('sorts by fields, breaks ties by id, and pages with limit and skip', async () => {
        const byGradeDesc = await store.find(
          'rows',
          { schoolId: { in: ['sk1', 'sk2'] }, grade: { gte: 0 } },
          {
            sort: [{ field: 'grade', direction: 'desc' }],
          },
        );
        expect(ids(byGradeDesc)).toEqual(['d', 'b', 'c', 'a']);
        const page = await store.find('rows', {}, { sort: [{ field: 'on' }], limit: 2, skip: 1 });
        // Missing `on` sorts first (as null), then the dates ascending.
        expect(ids(page)).toEqual(['d', 'a']);
        expect(ids(await store.find('rows', {}, { limit: 0 }))).toEqual([]);
        expect(ids(await store.find('rows', { schoolId: 'sk1' }, { sort: [{ field: 'grade' }], limit: 1 }))).toEqual(['a']);
      });

      it('reads an unknown collection as empty', async () => {
        expect(await store.find('nothing-here', { schoolId: 'sk1' })).toEqual([]);
        expect(await store.count('nothing-here')).toBe(0);
      });
    });

    describe('commit', () => {
      it('applies writes to several collections and the checkpoint together', async () => {
        await store.commit({
          writes: [
            { op: 'upsert', collection: 'per-stream', id: 'student-1', doc: { count: 1 } },
            { op: 'upsert', collection: 'per-type', id: 'AbsenceRegistered', doc: { count: 1 } },
          ],
          checkpoints: [{ projection: 'counts#1', position: 1 }],
        });
        expect(await store.get('per-stream', 'student-1')).toEqual({ count: 1 });
        expect(await store.get('per-type', 'AbsenceRegistered')).toEqual({ count: 1 });
        expect(await store.getCheckpoint('counts#1')).toBe(1);
      });

      it('applies writes in order: the last write to an id wins', async () => {
        await store.upsert('c', 'gone', { v: 0 });
        await store.commit({
          writes: [
            { op: 'upsert', collection: 'c', id: 'x', doc: { v: 1 } },
            { op: 'upsert', collection: 'c', id: 'x', doc: { v: 2 } },
            { op: 'delete', collection: 'c', id: 'gone' },
            { op: 'upsert', collection: 'c', id: 'y', doc: { v: 1 } },
            { op: 'delete', collection: 'c', id: 'y' },
            { op: 'delete', collection: 'c', id: 'z' },
            { op: 'upsert', collection: 'c', id: 'z', doc: { v: 3 } },
          ],
        });
        expect(await store.find('c')).toEqual([{ v: 2 }, { v: 3 }]);
      });

      it('commits a checkpoint with no writes', async () => {
        await store.commit({ writes: [], checkpoints: [{ projection: 'p', position: 42 }] });
        expect(await store.getCheckpoint('p')).toBe(42);
      });

      it('leaves nothing behind, checkpoint included, when a document cannot be stored mid-commit', async () => {
        await store.commit({
          writes: [{ op: 'upsert', collection: 'a', id: 'keep', doc: { v: 1 } }],
          checkpoints: [{ projection: 'p', position: 5 }],
        });
        const circular: Doc = { name: 'loop' };
        circular.self = circular;
        await expect(
          store.commit({
            writes: [
              { op: 'upsert', collection: 'a', id: 'keep', doc: { v: 2 } },
              { op: 'upsert', collection: 'a', id: 'new', doc: { v: 1 } },
              { op: 'delete', collection: 'a', id: 'keep' },
              { op: 'upsert', collection: 'fresh', id: 'x', doc: { v: 1 } },
              { op: 'upsert', collection: 'b', id: 'bad', doc: circular },
            ],
            checkpoints: [{ projection: 'p', position: 10 }],
          }),
        ).rejects.toThrow();
        expect(await store.find('a')).toEqual([{ v: 1 }]);
        expect(await store.get('fresh', 'x')).toBeUndefined();
        expect(await store.get('b', 'bad')).toBeUndefined();
        expect(await store.getCheckpoint('p')).toBe(5);
        // The store is still usable after the failed commit.
        await store.commit({
          writes: [{ op: 'upsert', collection: 'fresh', id: 'x', doc: { v: 2 } }],
          checkpoints: [{ projection: 'p', position: 11 }],
        });
        expect(await store.get('fresh', 'x')).toEqual({ v: 2 });
        expect(await store.getCheckpoint('p')).toBe(11);
      });

      it('rejects a commit with invalid input before writing anything', async () => {
        await expect(
          store.commit({
            writes: [
              { op: 'upsert', collection: 'a', id: 'ok', doc: { v: 1 } },
              { op: 'upsert', collection: 'a', id: '', doc: { v: 1 } },
            ],
            checkpoints: [{ projection: 'p', position: 3 }],
          }),
        ).rejects.toThrow(/id/);
        await expect(store.commit({ writes: [], checkpoints: [{ projection: 'p', position: -1 }] })).rejects.toThrow(/position/);
        expect(await store.get('a', 'ok')).toBeUndefined();
        expect(await store.getCheckpoint('p')).toBe(0);
      });

      it('stores a large batch in one commit', async () => {
        const writes = Array.from({ length: 5000 }, (_, i) => ({
          op: 'upsert' as const,
          collection: 'bulk',
          id: `doc-${i}`,
          doc: { i, even: i % 2 === 0 },
        }));
        await store.ensureCollection({ name: 'bulk', indexes: ['even'] });
        await store.commit({ writes, checkpoints: [{ projection: 'bulk', position: 5000 }] });
        expect(await store.count('bulk')).toBe(5000);
        expect(await store.count('bulk', { even: true })).toBe(2500);
        expect(await store.get('bulk', 'doc-4999')).toEqual({ i: 4999, even: false });
      });
    });

    describe('checkpoints', () => {
      it('reads 0 for an unknown projection, then what was committed; keys are independent', async () => {
        expect(await store.getCheckpoint('concern#1')).toBe(0);
        await store.commit({
          writes: [],
          checkpoints: [
            { projection: 'concern#1', position: 7 },
            { projection: 'tasks#2', position: 3 },
          ],
        });
        await store.commit({ writes: [], checkpoints: [{ projection: 'concern#1', position: 9 }] });
        expect(await store.getCheckpoint('concern#1')).toBe(9);
        expect(await store.getCheckpoint('tasks#2')).toBe(3);
      });

      it('reads several checkpoints at once, 0 for those not stored', async () => {
        await store.commit({
          writes: [],
          checkpoints: [
            { projection: 'a#1', position: 4 },
            { projection: 'b#2', position: 9 },
          ],
        });
        expect(await store.getCheckpoints(['a#1', 'b#2', 'c#1'])).toEqual(
          new Map([
            ['a#1', 4],
            ['b#2', 9],
            ['c#1', 0],
          ]),
        );
        expect(await store.getCheckpoints([])).toEqual(new Map());
      });

      it('deletes a checkpoint', async () => {
        await store.commit({ writes: [], checkpoints: [{ projection: 'old#1', position: 7 }] });
        await store.deleteCheckpoint('old#1');
        await store.deleteCheckpoint('never#1');
        expect(await store.getCheckpoint('old#1')).toBe(0);
      });
    });

    describe('content', () => {
      it('keeps Norwegian text exactly, and finds and sorts it by code point', async () => {
        const names = ['Øystein Ærø', 'Åse Bø', 'Zakarias', 'Æsa', 'Bø i Telemark', 'ﬁ e\u0301 😀 "quoted" \\ \n'];
        await store.ensureCollection({ name: 'people', indexes: ['name', 'kommune'] });
        await store.commit({
          writes: names.map((name, i) => ({
            op: 'upsert' as const,
            collection: 'people',
            id: `p-ø-${i}`,
            doc: { name, kommune: i % 2 ? 'Sør-Fron' : 'Bø' },
          })),
        });
        expect(await store.get('people', 'p-ø-0')).toEqual({ name: 'Øystein Ærø', kommune: 'Bø' });
        expect((await store.find('people', { name: 'Åse Bø' })).map((d) => d.kommune)).toEqual(['Sør-Fron']);
        expect(await store.count('people', { kommune: 'Sør-Fron' })).toBe(3);
        const sorted = (await store.find('people', {}, { sort: [{ field: 'name' }] })).map((d) => d.name);
        // Binary (code point) order, the same in SQLite and MongoDB without a collation:
        // Å (U+00C5) < Æ (U+00C6) < Ø (U+00D8). Norwegian alphabetical order is a presentation concern.
        expect(sorted).toEqual([...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
        expect(sorted.slice(2, 5)).toEqual(['Åse Bø', 'Æsa', 'Øystein Ærø']);
      });

      it('stores a large document (about 2 MB) intact', async () => {
        const registrations = Array.from({ length: 20_000 }, (_, i) => ({
          date: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
          kind: i % 3 ? 'lesson' : 'day',
          note: `fravær nr. ${i} – meldt av føresett`,
        }));
        const doc = { studentId: 'elev-1', registrations };
        expect(JSON.stringify(doc).length).toBeGreaterThan(1_500_000);
        await store.upsert('big', 'elev-1', doc);
        expect(await store.get('big', 'elev-1')).toEqual(doc);
      });

      it('keeps numbers exact: integers, negatives, decimals', async () => {
        const doc = { big: 2 ** 53 - 1, neg: -42, dec: 12.375, zero: 0 };
        await store.upsert('n', 'x', doc);
        expect(await store.get('n', 'x')).toEqual(doc);
      });
    });

    describe('a collection declared with readCache', () => {
      it('answers exactly as the store holds it, through writes, deletes and re-reads', async () => {
        await store.ensureCollection({ name: 'lean', indexes: ['schoolId'], readCache: true });
        await store.commit({
          writes: [
            { op: 'upsert', collection: 'lean', id: 's1', doc: { schoolId: 'a', days: [1, 2] } },
            { op: 'upsert', collection: 'lean', id: 's2', doc: { schoolId: 'a', days: [3] } },
            { op: 'upsert', collection: 'lean', id: 's3', doc: { schoolId: 'b', days: [] } },
          ],
        });
        expect(await store.find('lean', { schoolId: 'a' })).toEqual([
          { schoolId: 'a', days: [1, 2] },
          { schoolId: 'a', days: [3] },
        ]);
        // Read again after a change of one and the removal of another: never an earlier parse.
        await store.commit({
          writes: [
            { op: 'upsert', collection: 'lean', id: 's1', doc: { schoolId: 'a', days: [1, 2, 4] } },
            { op: 'delete', collection: 'lean', id: 's2' },
            { op: 'upsert', collection: 'lean', id: 's3', doc: { schoolId: 'a', days: [5] } },
          ],
        });
        expect(await store.find('lean', { schoolId: 'a' })).toEqual([
          { schoolId: 'a', days: [1, 2, 4] },
          { schoolId: 'a', days: [5] },
        ]);
        expect(await store.get('lean', 's2')).toBeUndefined();
        expect([...(await store.getMany('lean', ['s1', 's2', 's3'])).keys()]).toEqual(['s1', 's3']);
        expect(await store.find('lean', { schoolId: 'a' }, { limit: 1, skip: 1 })).toEqual([{ schoolId: 'a', days: [5] }]);
        // A failed commit leaves what was stored.
        await expect(
          store.commit({
            writes: [
              { op: 'upsert', collection: 'lean', id: 's1', doc: { schoolId: 'a', days: [9] } },
              { op: 'upsert', collection: 'lean', id: '', doc: {} },
            ],
          }),
        ).rejects.toThrow();
        expect(await store.get('lean', 's1')).toEqual({ schoolId: 'a', days: [1, 2, 4] });
        await store.deleteCollection('lean');
        expect(await store.find('lean', { schoolId: 'a' })).toEqual([]);
      });
    });
  });
}
