import { Worker } from 'node:worker_threads';
import { estimateBytes, JSON_HEAP_FACTOR } from './estimate-bytes.js';

/**
 * Heap bytes that the values `make` builds keep alive, measured in a worker thread: an isolate of
 * its own, after full collections. Measured in the test worker's own heap the figure swung with
 * whatever earlier test files had left there (V8 flushing their compiled code mid-measurement gave
 * a negative growth once in CI). `make` is the source of a function of `studentDoc`, which the
 * worker gets as source too (the same documents the estimate walks here).
 */
function measuredBytes(make: string): Promise<number> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const v8 = require('node:v8');
    v8.setFlagsFromString('--expose-gc');
    const collect = require('node:vm').runInNewContext('gc');
    const used = () => { collect(); collect(); return v8.getHeapStatistics().used_heap_size; };
    const studentDoc = ${studentDoc.toString()};
    const input = (${make})(studentDoc, 'input');
    const before = used();
    globalThis.kept = (${make})(studentDoc, 'output', input);
    parentPort.postMessage(used() - before);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (bytes: number) => void worker.terminate().then(() => resolve(bytes)));
    worker.once('error', reject);
  });
}

/** A student-absence-like document: a year of registrations keyed by id, with totals. */
function studentDoc(i: number) {
  const registrations: Record<string, unknown> = {};
  for (let r = 0; r < 120; r++) {
    const id = `${i.toString(16).padStart(8, '0')}-${r.toString(16).padStart(4, '0')}-4000-8000-${'0'.repeat(12)}`;
    registrations[id] = {
      date: `2025-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')}`,
      kind: r % 3 ? 'lesson' : 'day',
      lessons: r % 5,
      subject: 'Matematikk',
      documented: r % 2 === 0,
    };
  }
  return {
    studentId: `student-${i}`,
    schoolId: 'school-1',
    name: 'Kari Nordmann',
    revision: 120,
    concernLevel: 'yellow',
    registrations,
    totals: { days: 12.5, lessons: 40 },
  };
}

describe('estimateBytes', () => {
  it('counts strings, numbers, arrays, objects, maps and sets', () => {
    expect(estimateBytes('abcdefgh')).toBe(24);
    expect(estimateBytes('æøå')).toBe(24); // Latin-1: one byte each
    expect(estimateBytes('→')).toBe(24); // two bytes, rounded to 8
    expect(estimateBytes(7)).toBe(0);
    expect(estimateBytes(0.5)).toBe(16);
    expect(estimateBytes([1, 2])).toBe(48 + 16);
    expect(estimateBytes({ a: 1 })).toBe(32);
    expect(estimateBytes(new Map([['k', 1]]))).toBeGreaterThan(64);
    expect(estimateBytes(new Set(['k']))).toBeGreaterThan(64);
    expect(estimateBytes(null)).toBe(0);
  });

  it('is within a factor of 2.5 of the heap a year of registrations takes (1.1 measured)', async () => {
    const docs = Array.from({ length: 300 }, (_, i) => studentDoc(i));
    const bytes = await measuredBytes(
      String((doc: typeof studentDoc, step: string) => (step === 'input' ? [] : Array.from({ length: 300 }, (_, i) => doc(i)))),
    );
    const estimated = docs.reduce<number>((sum, v) => sum + estimateBytes(v), 0);
    expect(estimated / bytes).toBeGreaterThan(0.4);
    expect(estimated / bytes).toBeLessThan(2.5);
  });

  it("JSON_HEAP_FACTOR times a document's text is within a factor of 2.5 of the heap it takes parsed", async () => {
    const texts = Array.from({ length: 300 }, (_, i) => JSON.stringify(studentDoc(i)));
    const bytes = await measuredBytes(
      String((doc: typeof studentDoc, step: string, input?: string[]) =>
        step === 'input' ? Array.from({ length: 300 }, (_, i) => JSON.stringify(doc(i))) : input!.map((t) => JSON.parse(t) as unknown),
      ),
    );
    const estimated = texts.reduce((sum, t) => sum + t.length * JSON_HEAP_FACTOR, 0);
    expect(estimated / bytes).toBeGreaterThan(0.4);
    expect(estimated / bytes).toBeLessThan(2.5);
  });

  it('stops at a cycle instead of running forever', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(estimateBytes(a)).toBeGreaterThan(0);
  });
});
