import type { Doc, DocumentStore, Filter, FindOptions } from '../document-store.port.js';

/**
 * Reads of one projection's collections by logical name, always against the generation serving
 * at the time of the call (the name is resolved per call, so a blue/green switch takes effect
 * on the next read).
 */
export class ProjectionReader {
  constructor(
    readonly projection: string,
    private readonly store: DocumentStore,
    private readonly resolve: (collection: string) => string,
    private readonly committed: () => number,
  ) {}

  /**
   * The last position the serving generation has committed. A reader that keeps what it derived
   * from the documents may reuse it while this has not moved (read it before the documents).
   */
  position(): number {
    return this.committed();
  }

  /** The physical collection serving `collection` right now. */
  collectionName(collection: string): string {
    return this.resolve(collection);
  }

  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined> {
    return this.store.get<T>(this.resolve(collection), id);
  }

  getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    return this.store.getMany<T>(this.resolve(collection), ids);
  }

  find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]> {
    return this.store.find<T>(this.resolve(collection), filter, options);
  }

  count(collection: string, filter?: Filter): Promise<number> {
    return this.store.count(this.resolve(collection), filter);
  }
}
