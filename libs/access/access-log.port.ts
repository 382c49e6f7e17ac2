/**
 * The access log (api.md: "Every read of a case or of a student's concern is recorded in
 * the access log (who, role, what, when)"). The guard records after an allowed decision
 * and before the handler runs, so a read that fails afterwards is still on record; a
 * denied request records nothing ("leaves no event").
 *
 * The real logger appends to the event store in its own stream, never the case's, so
 * reading a case never moves the case's revision. A failing `record` fails the request:
 * no read goes unlogged.
 */
export type AccessTargetType = 'case' | 'student' | 'case-list' | 'student-list';

export interface AccessRecord {
  actor: { id: string; role: string };
  /** The permission exercised, e.g. `case:read`, `concern:read`. */
  action: string;
  /** `case-list` is a listing that is not about one id (`GET /ppt/cases`, id `ppt`). */
  target: { type: AccessTargetType; id: string };
  /**
   * What a listing revealed: the ids of the cases (or students) it showed. One entry per
   * request, whatever the number of rows (security finding 5: a list wrote an event per row).
   */
  revealed?: { type: 'case' | 'student'; ids: string[] };
  /**
   * A whole-school list (the absence list, the tasks): how many students it showed (api.md: "one
   * entry per request, with the list, its filters and the number of students it showed"). The
   * list's id names the school and filters, from which the students shown follow; not an index
   * entry per student, which made each read of a 600-student list write 600 documents.
   */
  shown?: number;
  /** ISO 8601 UTC instant. */
  at: string;
}

export interface AccessLogger {
  record(entry: AccessRecord): Promise<void>;
}

/** Dependency-injection token for the configured access logger. */
export const ACCESS_LOGGER = Symbol('ACCESS_LOGGER');
