/** A test fixture: an AccessLogger that keeps its records in an array. */
import type { AccessLogger, AccessRecord } from '../access-log.port.js';

export class InMemoryAccessLogger implements AccessLogger {
  readonly records: AccessRecord[] = [];

  async record(entry: AccessRecord): Promise<void> {
    this.records.push(entry);
  }
}
