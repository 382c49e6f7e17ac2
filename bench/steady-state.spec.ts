import { describe, expect, it } from '@jest/globals';
import { percentile, steadyFigures, type ResponseSample } from './steady-state.js';

describe('percentile (nearest rank)', () => {
  it('takes the smallest value with at least q of the values at or below it', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile(sorted, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('steadyFigures', () => {
  const answer = (doneAt: number, latencyMs: number, status = 201): ResponseSample => ({ doneAt, latencyMs, status });

  it('counts answers that arrived in the window per second of the window', () => {
    const samples = [answer(500, 10), ...Array.from({ length: 40 }, (_, i) => answer(1000 + i * 50, 10)), answer(3500, 10)];
    const figures = steadyFigures(samples, 1000, 3000);
    expect(figures.requests).toBe(40);
    expect(figures.requestsPerSecond).toBe(20);
  });

  it('leaves requests sent before the window out of the percentiles, not out of the throughput', () => {
    // A first answer that waited 4 s for its connection to be accepted arrives inside the window.
    const samples = [answer(1100, 4000), ...Array.from({ length: 99 }, (_, i) => answer(1200 + i * 10, 20 + (i % 3)))];
    const figures = steadyFigures(samples, 1000, 3000);
    expect(figures.requests).toBe(100);
    expect(figures.maxMs).toBe(22);
    expect(figures.p99Ms).toBe(22);
    expect(figures.p50Ms).toBe(21);
  });

  it('counts answers outside 2xx', () => {
    const figures = steadyFigures([answer(10, 1, 201), answer(11, 1, 422), answer(12, 1, 500), answer(13, 1, 200)], 0, 100);
    expect(figures.non2xx).toBe(2);
  });

  it('refuses an empty window', () => {
    expect(() => steadyFigures([], 5, 5)).toThrow('empty window');
  });
});
