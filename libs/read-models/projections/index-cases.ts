// Public API of the case-side read models: the `cases`, `follow-up-students` and `access-log` projections and the
// queries over them (case summaries, school statistics, PPT statistics and case list, tasks,
// access log). Test fixtures are imported by specs directly, so they stay out of production.
export * from './cases/case-doc.js';
export { caseProjection } from './cases/case.projection.js';
export * from './follow-up-students/follow-up-student-doc.js';
export { followUpStudentsProjection } from './follow-up-students/follow-up-students.projection.js';
export * from './cases/case-timeline.js';
export * from './cases/case.queries.js';
export * from './statistics/school-statistics.js';
export * from './ppt/ppt-statistics.js';
export * from './ppt/ppt-cases.js';
export { PPT_SUMMARIES, PPT_SUMMARY_STAMPS, type PptSummaryDoc, type PptCaseSummary } from './ppt/ppt-summary.js';
export { readPptSummary } from './ppt/ppt-summary-cache.js';
export {
  suppressSmallCounts,
  suppressPptStatistics,
  suppressSchoolStatistics,
  suppressSum,
  SMALL_COUNT,
  PROTECTING,
  SMALL_COUNT_LIMIT,
  type Suppressed,
} from './ppt/suppress-small-counts.js';
export { COMPLETELY_ABSENT_SCHOOL_DAYS, isCompletelyAbsent } from './ppt/completely-absent.js';
export { lastSchoolDays } from './ppt/last-school-days.js';
export * from './tasks/tasks.query.js';
export { caseForTasks, followUpFacts } from './tasks/follow-up-facts.js';
export * from './access-log/access-log.events.js';
export { accessLogProjection, ACCESS_LOG, ACCESS_LOG_CASES, type AccessLogDoc } from './access-log/access-log.projection.js';
export * from './access-log/access-log.queries.js';
