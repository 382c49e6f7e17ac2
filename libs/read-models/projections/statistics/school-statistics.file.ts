/**
 * A school's statistics as a file (GET /schools/:id/statistics?format=csv|xlsx): one row per
 * figure, as shown to the caller (the municipality's with small counts suppressed: `<5`, `*`).
 */
import type { FileColumn, FileLanguage } from '../../files/table-file.js';

export interface StatisticLine {
  figure: Record<FileLanguage, string>;
  value: number | string;
}

type Shown = {
  students: number | string;
  byLevel: Record<string, number | string>;
  openCases: number | string;
  casesByPhase: Record<string, number | string>;
  referrals: Record<string, number | string>;
};

const LEVEL: Record<string, Record<FileLanguage, string>> = {
  green: { nb: 'Elever, grønn', nn: 'Elevar, grøn' },
  yellow: { nb: 'Elever, gul', nn: 'Elevar, gul' },
  red: { nb: 'Elever, rød', nn: 'Elevar, raud' },
};
const TARGET: Record<string, Record<FileLanguage, string>> = {
  ppt: { nb: 'PPT', nn: 'PPT' },
  bup: { nb: 'BUP', nn: 'BUP' },
  barnevern: { nb: 'barnevern', nn: 'barnevern' },
  'school-nurse': { nb: 'helsesykepleier', nn: 'helsesjukepleiar' },
  gp: { nb: 'fastlege', nn: 'fastlege' },
  other: { nb: 'annet', nn: 'anna' },
};

export function statisticLines(stats: Shown): StatisticLine[] {
  return [
    { figure: { nb: 'Elever', nn: 'Elevar' }, value: stats.students },
    ...Object.entries(stats.byLevel).map(([level, value]) => ({ figure: LEVEL[level] ?? { nb: level, nn: level }, value })),
    { figure: { nb: 'Åpne saker', nn: 'Opne saker' }, value: stats.openCases },
    ...Object.entries(stats.casesByPhase).map(([phase, value]) => ({
      figure: { nb: `Åpne saker i fase ${phase}`, nn: `Opne saker i fase ${phase}` },
      value,
    })),
    ...Object.entries(stats.referrals).map(([target, value]) => ({
      figure: { nb: `Saker henvist til ${TARGET[target]?.nb ?? target}`, nn: `Saker tilviste til ${TARGET[target]?.nn ?? target}` },
      value,
    })),
  ];
}

export const STATISTICS_SHEET: Record<FileLanguage, string> = { nb: 'Statistikk', nn: 'Statistikk' };

export const STATISTICS_COLUMNS: readonly FileColumn<StatisticLine>[] = [
  { header: { nb: 'Tall', nn: 'Tal' }, value: (l, lang) => l.figure[lang], width: 34 },
  { header: { nb: 'Antall', nn: 'Tal på' }, value: (l) => l.value, width: 10 },
];
