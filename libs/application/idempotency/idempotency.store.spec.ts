import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore } from './idempotency.store.js';

const response = { status: 201, body: { absenceId: 'a-1' }, headers: { 'X-Position': '42' } };

describe('IdempotencyStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'idem-'));
    dirs.push(dir);
    return join(dir, 'nested', 'idempotency.sqlite');
  };

  it('claims a key, replays it after completion, and refuses another request hash', () => {
    const store = new IdempotencyStore(':memory:');
    expect(store.begin('u1', 'k', 'h1')).toEqual({ kind: 'new' });
    expect(store.begin('u1', 'k', 'h1')).toEqual({ kind: 'pending' });
    store.complete('u1', 'k', response);
    expect(store.begin('u1', 'k', 'h1')).toEqual({ kind: 'replay', response });
    expect(store.begin('u1', 'k', 'h2')).toEqual({ kind: 'mismatch' });
    expect(store.begin('u2', 'k', 'h2')).toEqual({ kind: 'new' });
    store.onApplicationShutdown();
  });

  it('frees an abandoned key', () => {
    const store = new IdempotencyStore(':memory:');
    store.begin('u1', 'k', 'h1');
    store.abandon('u1', 'k');
    expect(store.begin('u1', 'k', 'h2')).toEqual({ kind: 'new' });
    store.onApplicationShutdown();
  });

  it('keeps rows 24 h and expires them after', () => {
    let now = 1_000_000_000_000;
    const store = new IdempotencyStore(':memory:', () => now);
    store.begin('u1', 'k', 'h1');
    store.complete('u1', 'k', response);
    now += IDEMPOTENCY_RETENTION_MS - 1000;
    expect(store.begin('u1', 'k', 'h1').kind).toBe('replay');
    now += 2000;
    expect(store.begin('u1', 'k', 'h2')).toEqual({ kind: 'new' });
    store.onApplicationShutdown();
  });

  it('survives a restart on disk (WAL), and drops pending rows a crash left behind', () => {
    const path = tempPath();
    const first = new IdempotencyStore(path);
    first.begin('u1', 'done', 'h1');
    first.complete('u1', 'done', response);
    first.begin('u1', 'crashed', 'h1');
    first.onApplicationShutdown();

    const second = new IdempotencyStore(path);
    expect(second.begin('u1', 'done', 'h1')).toEqual({ kind: 'replay', response });
    expect(second.begin('u1', 'crashed', 'h1')).toEqual({ kind: 'new' });
    second.onApplicationShutdown();
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined members, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe(canonicalJson({ a: { d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson(undefined)).toBe('');
  });
});
