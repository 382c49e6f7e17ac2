/**
 * The domain event shape: a past-tense `type`, the `schemaVersion` of its `data`, and the
 * data. Envelope facts (id, actor, occurredAt, recordedAt, causation) belong to the event
 * store's metadata, not here. Every `data` carries its own business date (the day the thing
 * happened), which may lie before the day it was recorded.
 */
export interface DomainEvent<Type extends string = string, Data = unknown, Version extends number = number> {
  readonly type: Type;
  readonly schemaVersion: Version;
  readonly data: Data;
}
