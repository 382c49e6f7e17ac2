/**
 * A school's absence week by week as a chart (Chart.js), with the same figures in a table beside
 * it: the chart is an image to a screen reader (role="img" with a summary), the table is the data.
 */
import { Table } from '@digdir/designsystemet-react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Count } from '../api/types';
import { formatDate } from '../i18n/i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export interface WeekRow {
  week: string;
  from: string;
  to: string;
  days: Count;
  lessons: Count;
  lates: Count;
  studentsAbsent: Count;
}

const numeric = (value: Count) => (typeof value === 'number' ? value : null);

export function TrendChart({ weeks }: { weeks: WeekRow[] }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const label = (w: WeekRow) => t('statistics.week', { week: Number(w.week.slice(-2)) });
  useEffect(() => {
    if (!canvas.current) return;
    const label = (w: WeekRow) => t('statistics.week', { week: Number(w.week.slice(-2)) });
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: weeks.map(label),
        datasets: [
          { type: 'bar', label: t('student.days'), data: weeks.map((w) => numeric(w.days)), backgroundColor: '#1e6fb8' },
          { type: 'bar', label: t('student.lessons'), data: weeks.map((w) => numeric(w.lessons)), backgroundColor: '#8fbce6' },
          {
            type: 'line',
            label: t('statistics.studentsAbsent'),
            data: weeks.map((w) => numeric(w.studentsAbsent)),
            borderColor: '#a4262c',
            backgroundColor: '#a4262c',
          },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
    });
    return () => chart.destroy();
    // t changes with the language: the labels follow it.
  }, [weeks, t]);
  const last = weeks.at(-1);
  return (
    <>
      <div className="trend-chart">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('statistics.chartSummary', { weeks: weeks.length, students: last ? String(last.studentsAbsent) : '0' })}
        />
      </div>
      <Table zebra className="wide-table">
        <caption className="visually-hidden">{t('statistics.trend')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('student.week')}</Table.HeaderCell>
            <Table.HeaderCell>{t('statistics.period')}</Table.HeaderCell>
            <Table.HeaderCell>{t('student.days')}</Table.HeaderCell>
            <Table.HeaderCell>{t('student.lessons')}</Table.HeaderCell>
            <Table.HeaderCell>{t('student.lates')}</Table.HeaderCell>
            <Table.HeaderCell>{t('statistics.studentsAbsent')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {weeks.map((w) => (
            <Table.Row key={w.week}>
              <Table.Cell>{label(w)}</Table.Cell>
              <Table.Cell>
                {formatDate(w.from)}–{formatDate(w.to)}
              </Table.Cell>
              <Table.Cell className="number">{String(w.days)}</Table.Cell>
              <Table.Cell className="number">{String(w.lessons)}</Table.Cell>
              <Table.Cell className="number">{String(w.lates)}</Table.Cell>
              <Table.Cell className="number">{String(w.studentsAbsent)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </>
  );
}
