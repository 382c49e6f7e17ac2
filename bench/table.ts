/** The one table `npm run bench` prints: a row per figure, medians, with the bar where there is one. */
import { round } from './support.js';

export type Part = 'append' | 'rebuild' | 'first-start' | 'http' | 'concern' | 'postgres' | 'crypto' | 'scale';

export interface Row {
  part: Part;
  figure: string;
  value: number | null;
  unit: string;
  bar?: string;
  met?: boolean;
  note?: string;
}

const fmt = (value: number | null, unit: string): string => {
  if (value === null || Number.isNaN(value)) return 'n/a';
  if (unit === 'ratio') return value.toFixed(2);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return String(round(value, Math.abs(value) >= 10 ? 1 : 2));
};

export function formatTable(rows: readonly Row[]): string {
  const header = ['part', 'figure', 'median', 'unit', 'bar', 'met', 'note'];
  const cells = rows.map((r) => [
    r.part,
    r.figure,
    fmt(r.value, r.unit),
    r.unit,
    r.bar ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
