/**
 * The event store as every reader and writer of the service sees it: personal fields are sealed
 * under the student's key on the way in, before the adapter hashes the event (so the chain covers
 * ciphertext and still verifies once the key is gone), and opened on the way out; a destroyed
 * key's fields read as the erased text (api.md, Privacy of a child's data).
 *
 * Which fields, and whose, is the domain's (`PersonalDataPolicy`, from
 * libs/domain/events/personal-fields.ts). Verification and copying use `capabilities.sealed`.
 */
import type {
  AppendOptions,
  AppendResult,
  BatchHandler,
  EventStore,
  EventStoreCapabilities,
  FoldEvent,
  NewEvent,
  PayloadBatchHandler,
  PayloadEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamCursor,
  StreamOrderedReads,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import type { DataKeys } from './data-keys.js';
import { isSealed, openText, sealText, sealedKeyId, type FieldKey } from './field-cipher.js';
import { mapPersonalFields } from './personal-paths.js';
import { SEALED_DATA } from '../hash.js';

export interface PersonalDataPolicy {
  /** Paths of the personal fields of an event type (none: nothing to seal). */
  fields(type: string): readonly string[];
  /** Whose data a stream's events are: a student, the student of a case, or nobody's. */
  subject(stream: string): { student: string } | { caseOf: string } | null;
  /** The student a case stream's opening event names. */
  studentOfCase(event: { type: string; data: unknown }): string | null;
  /** What a field of a destroyed key reads as. */
  readonly erasedText: string;
}

/** A sealed field whose key is not in the key store at all: the keys were lost or not copied. */
export class MissingDataKey extends Error {
  override readonly name = 'MissingDataKey';
  constructor(readonly subject: string) {
    super(`no data key is stored for student ${subject}: the key store is not the one these events were written with`);
  }
}

type WithData = { type: string; data: unknown };

export class EncryptingEventStore implements EventStore {
  readonly capabilities: EventStoreCapabilities;
  /** Students of case streams, learnt from their opening event. */
  private readonly caseStudents = new Map<string, string>();
  /**
   * Opened events by the stored event they came from: projections catching up side by side get the
   * same parsed batches from the adapter (sqlite/shared-reads.ts), so each event is opened once, not
   * once per projection. Dropped whenever a key is forgotten, so nothing opened before an erasure is served after it.
   */
  private opened = new WeakMap<object, unknown>();
  private openedAt = -1;

  constructor(
    private readonly inner: EventStore,
    readonly keys: DataKeys,
    private readonly policy: PersonalDataPolicy,
  ) {
    const ordered = inner.capabilities.streamOrderedReads;
    this.capabilities = { sealed: inner, ...(ordered ? { streamOrderedReads: this.orderedReads(ordered) } : {}) };
  }

  async appendToStream(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.inner.appendToStream(stream, await this.seal(stream, events), options);
  }

  /** The events as the adapter will hash them: each personal field sealed under the student's key. */
  async seal(stream: string, events: NewEvent[]): Promise<NewEvent[]> {
    if (!events.some((event) => this.policy.fields(event.type).length > 0)) return events;
    const student = await this.studentOf(stream, events);
    if (student === null) return events;
    const key = (await this.keys.forWriting([student])).get(student)!;
    return events.map((event) => {
      const paths = this.policy.fields(event.type);
      if (paths.length === 0) return event;
      const data = mapPersonalFields(event.data, paths, (text, place) => sealText(key, aadOf(stream, event.type, place), text));
      return { ...event, data };
    });
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.open(await this.inner.readStream(stream, options));
  }

  async readStreamForFold(stream: string, fromRevision: number): Promise<FoldEvent[]> {
    const events = await this.inner.readStreamForFold(stream, fromRevision);
    return this.open(events.map((event) => ({ ...event, stream })));
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.open(await this.inner.readAll(options));
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.inner.subscribeToAll(options, async (events) => handler(await this.open(events)));
  }

  subscribeToAllPayloads(options: SubscribeOptions, handler: PayloadBatchHandler): Subscription {
    return this.inner.subscribeToAllPayloads(options, async (events) => handler(await this.open(events)));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  listStreams(): Promise<string[]> {
    return this.inner.listStreams();
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keys.store.close();
  }

  /** Opens every sealed field of the events (one key-store round trip for the keys not cached). */
  async open<E extends WithData & { stream: string }>(events: E[]): Promise<E[]> {
    if (this.openedAt !== this.keys.forgotten) {
      this.opened = new WeakMap();
      this.openedAt = this.keys.forgotten;
    }
    const subjects = new Set<string>();
    for (const event of events) {
      const paths = this.policy.fields(event.type);
      if (paths.length === 0 || this.opened.has(event)) continue;
      mapPersonalFields(event.data, paths, (value) => {
        const subject = isSealed(value) ? sealedKeyId(value) : null;
        if (subject !== null) subjects.add(subject);
        return value;
      });
    }
    if (subjects.size === 0 && !events.some((event) => this.opened.has(event))) return events;
    const keys = await this.keys.forReading(subjects);
    return events.map((event) => {
      const paths = this.policy.fields(event.type);
      if (paths.length === 0) return event;
      const known = this.opened.get(event) as E | undefined;
      if (known) return known;
      const data = mapPersonalFields(event.data, paths, (value, place) => this.openField(keys, event, place, value));
      const opened = data === event.data ? event : { ...event, data };
      // A whole envelope keeps what was stored beside what it says, so its hash still verifies (hash.ts).
      if (opened !== event && 'hash' in event) Object.defineProperty(opened, SEALED_DATA, { value: event.data, enumerable: false });
      this.opened.set(event, opened);
      return opened;
    });
  }

  private openField(keys: Map<string, FieldKey | null>, event: WithData & { stream: string }, place: string, value: string): string {
    if (!isSealed(value)) return value; // written before encryption (see `cli encrypt-existing`)
    const subject = sealedKeyId(value)!;
    const key = keys.get(subject);
    if (key === null) return this.policy.erasedText;
    if (key === undefined) throw new MissingDataKey(subject);
    return openText(key, aadOf(event.stream, event.type, place), value);
  }

  private async studentOf(stream: string, events: readonly WithData[]): Promise<string | null> {
    const subject = this.policy.subject(stream);
    if (subject === null) return null;
    if ('student' in subject) return subject.student;
    const known = this.caseStudents.get(stream);
    if (known) return known;
    const opening = events.find((event) => this.policy.studentOfCase(event) !== null);
    const [first] = opening ? [opening] : await this.inner.readStream(stream, { maxCount: 1 });
    const student = first ? this.policy.studentOfCase(first) : null;
    if (student === null) throw new Error(`stream ${stream}: no opening event names the case's student`);
    if (this.caseStudents.size >= 50_000) this.caseStudents.clear();
    this.caseStudents.set(stream, student);
    return student;
  }

  private orderedReads(inner: StreamOrderedReads): StreamOrderedReads {
    return {
      readAllByStream: async (toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<PayloadEvent[]> =>
        this.open(await inner.readAllByStream(toPosition, after, maxCount)),
      readAllEventsByStream: async (toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<StoredEvent[]> =>
        this.open(await inner.readAllEventsByStream(toPosition, after, maxCount)),
    };
  }
}

/** What a sealed field is bound to: its stream, its event type and its place in the data. */
function aadOf(stream: string, type: string, place: string): string {
  return `${stream}|${type}|${place}`;
}
