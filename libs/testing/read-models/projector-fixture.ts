import { afterEach, beforeEach } from '@jest/globals';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { Projector, type ProjectorOptions } from '#read-models/projector/projector.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';

export interface ProjectorFixture {
  /** This test's stores (new in-memory ones for every test). */
  readonly events: SqliteEventStore;
  readonly docs: SqliteDocumentStore;
  /** What the projectors reported through `onError` in this test. */
  readonly errors: unknown[];
  /** A projector on this test's stores, stopped after the test. */
  projector(overrides?: Partial<ProjectorOptions>): Projector;
}

/**
 * The projector specs' shared set-up: registers a beforeEach that opens fresh in-memory stores
 * (then runs `onEach` with them) and an afterEach that stops every projector made and closes them.
 */
export function useProjectorFixture(
  defaults: Partial<ProjectorOptions>,
  onEach?: (stores: { events: SqliteEventStore; docs: SqliteDocumentStore }) => void,
): ProjectorFixture {
  let events: SqliteEventStore;
  let docs: SqliteDocumentStore;
  const projectors: Projector[] = [];
  const errors: unknown[] = [];
  beforeEach(() => {
    events = new SqliteEventStore({ path: ':memory:' });
    docs = new SqliteDocumentStore({ path: ':memory:' });
    errors.length = 0;
    onEach?.({ events, docs });
  });
  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await events.close();
    await docs.close();
  });
  return {
    get events() {
      return events;
    },
    get docs() {
      return docs;
    },
    errors,
    projector(overrides = {}) {
      const p = new Projector({
        eventStore: events,
        documentStore: docs,
        projections: [],
        retireDelayMs: 0,
        onError: (_name, error) => errors.push(error),
        ...defaults,
        ...overrides,
      });
      projectors.push(p);
      return p;
    },
  };
}
