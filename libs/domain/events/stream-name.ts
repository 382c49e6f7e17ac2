/** Stream names: one stream per school, student and case, `<category>-<id>`. */
export const STREAM_CATEGORIES = ['school', 'student', 'case'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export function streamName(category: StreamCategory, id: string): string {
  if (id === '') throw new Error(`streamName: empty ${category} id`);
  return `${category}-${id}`;
}

export const schoolStream = (schoolId: string): string => streamName('school', schoolId);
export const studentStream = (studentId: string): string => streamName('student', studentId);
export const caseStream = (caseId: string): string => streamName('case', caseId);

/**
 * Splits at the first '-' only: ids may contain dashes (UUIDs), categories do not.
 * Returns null for a stream that is not one of ours.
 */
export function parseStreamName(stream: string): { category: StreamCategory; id: string } | null {
  const dash = stream.indexOf('-');
  if (dash <= 0 || dash === stream.length - 1) return null;
  const category = stream.slice(0, dash);
  if (!(STREAM_CATEGORIES as readonly string[]).includes(category)) return null;
  return { category: category as StreamCategory, id: stream.slice(dash + 1) };
}
