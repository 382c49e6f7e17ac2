/**
 * Which schools and students the municipality has: schools spread over the five built-in
 * plans and the three levels, sizes that vary around the mean, one school of 600 students
 * when the total allows it (the benchmarks read "the absence list of a 600-student school"),
 * and students spread over the school's grades in groups (classes) of at most 26.
 */
import type { SchoolLevel } from '#domain/events/index.js';
import { builtInPlans } from '#domain/plans/index.js';
import { schoolName, studentName } from './names.js';
import type { Random } from './random.js';

export interface StudentLayout {
  studentId: string;
  name: string;
  grade: number;
  group: string;
}

export interface SchoolLayout {
  schoolId: string;
  name: string;
  level: SchoolLevel;
  planId: string;
  planVersion: number;
  students: StudentLayout[];
  groups: string[];
}

/** Most schools are barneskoler; the pattern repeats every eight schools and gives all three levels from three schools on. */
const LEVELS: readonly SchoolLevel[] = [
  'barneskole',
  'ungdomsskole',
  'kombinert',
  'barneskole',
  'ungdomsskole',
  'barneskole',
  'kombinert',
  'barneskole',
];
const GRADES: Record<SchoolLevel, readonly number[]> = {
  barneskole: [1, 2, 3, 4, 5, 6, 7],
  ungdomsskole: [8, 9, 10],
  kombinert: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
};
/** School index 1 has exactly this many students when there are at least twice as many in all. */
export const LARGE_SCHOOL_SIZE = 600;
const GROUP_SIZE = 26;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Student counts per school: one school (index 1, an ungdomsskole) of 600 when at least twice that many students exist. */
function schoolSizes(r: Random, schools: number, students: number): number[] {
  const large = schools >= 2 && students >= 2 * LARGE_SCHOOL_SIZE ? 1 : -1;
  const rest = large >= 0 ? students - LARGE_SCHOOL_SIZE : students;
  const weights = Array.from({ length: schools }, (_, i) => (i === large ? 0 : 0.6 + 0.8 * r.next()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((rest * w) / sum));
  // Hand the rounding remainder out one by one so the total is exact.
  for (let i = 0, left = rest - sizes.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % schools) {
    if (i === large) continue;
    sizes[i]! += 1;
    left -= 1;
  }
  if (large >= 0) sizes[large] = LARGE_SCHOOL_SIZE;
  return sizes;
}

export function layoutMunicipality(r: Random, options: { schools: number; students: number; municipalityId: string }): SchoolLayout[] {
  const sizes = schoolSizes(r.fork('sizes'), options.schools, options.students);
  return sizes.map((size, index) => {
    const level = LEVELS[index % LEVELS.length]!;
    const plan = builtInPlans[index % builtInPlans.length]!;
    const schoolId = `skole-${options.municipalityId}-${pad(index + 1, 2)}`;
    const grades = GRADES[level];
    const names = r.fork(`names/${schoolId}`);
    const perGrade = new Map<number, number>();
    const students = Array.from({ length: size }, (_, k): StudentLayout => {
      const grade = grades[k % grades.length]!;
      const inGrade = perGrade.get(grade) ?? 0;
      perGrade.set(grade, inGrade + 1);
      // Fill groups A, B, C … of the grade in turn, so every group stays under GROUP_SIZE.
      const groupCount = Math.ceil(Math.ceil(size / grades.length) / GROUP_SIZE);
      const group = `${grade}${String.fromCharCode(65 + (inGrade % groupCount))}`;
      return { studentId: `elev-${options.municipalityId}-${pad(index + 1, 2)}-${pad(k + 1, 4)}`, name: studentName(names), grade, group };
    });
    const groups = [...new Set(students.map((s) => s.group))].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
    return { schoolId, name: schoolName(index, level), level, planId: plan.id, planVersion: plan.version, students, groups };
  });
}
