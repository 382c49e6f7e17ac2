/**
 * Statistikk: per school, students by level and open cases by phase. For the municipality role
 * the service suppresses small counts (`<5`, `*`); the page shows them as they come.
 */
import { Paragraph, Table } from '@digdir/designsystemet-react';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import type { Count, SchoolStatistics } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { PageHeading } from '../components/page-heading';
import { ErrorText } from '../components/query-state';
import { SchoolSelect, useListSchools } from '../components/school-select';
import { SchoolOverview } from './school-overview';

export function StatisticsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const schools = useListSchools();
  const stats = useQueries({
    queries: schools.map((s) => ({
      queryKey: ['school-statistics', s.schoolId],
      queryFn: () =>
        must<SchoolStatistics>(
          api.GET('/schools/{schoolId}/statistics', { params: { path: { schoolId: s.schoolId }, query: {} as never } }),
        ),
    })),
  });
  const [chosen, setChosen] = useState<string>();
  const schoolId = chosen ?? schools[0]?.schoolId;
  const phases = [...new Set(stats.flatMap((q) => Object.keys(q.data?.casesByPhase ?? {})))].sort();
  const show = (value: Count | undefined) => (value === undefined ? '' : String(value));
  return (
    <>
      <PageHeading>{t('statistics.title')}</PageHeading>
      {hasRole(me, 'municipality') ? <Paragraph data-size="sm">{t('statistics.suppressed')}</Paragraph> : null}
      <Table zebra border className="wide-table">
        <caption>{t('statistics.byLevel')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('statistics.school')}</Table.HeaderCell>
            <Table.HeaderCell>{t('statistics.students')}</Table.HeaderCell>
            <Table.HeaderCell>{t('level.green')}</Table.HeaderCell>
            <Table.HeaderCell>{t('level.yellow')}</Table.HeaderCell>
            <Table.HeaderCell>{t('level.red')}</Table.HeaderCell>
            <Table.HeaderCell>{t('statistics.openCases')}</Table.HeaderCell>
            {phases.map((p) => (
              <Table.HeaderCell key={p}>
                {t('cases.phase')} {p}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {schools.map((school, i) => {
            const q = stats[i]!;
            return (
              <Table.Row key={school.schoolId}>
                <Table.HeaderCell scope="row">{school.name ?? school.schoolId}</Table.HeaderCell>
                {q.isError ? (
                  <Table.Cell colSpan={5 + phases.length}>
                    <ErrorText error={q.error} />
                  </Table.Cell>
                ) : (
                  <>
                    <Table.Cell className="number">{show(q.data?.students)}</Table.Cell>
                    <Table.Cell className="number">{show(q.data?.byLevel.green)}</Table.Cell>
                    <Table.Cell className="number">{show(q.data?.byLevel.yellow)}</Table.Cell>
                    <Table.Cell className="number">{show(q.data?.byLevel.red)}</Table.Cell>
                    <Table.Cell className="number">{show(q.data?.openCases)}</Table.Cell>
                    {phases.map((p) => (
                      <Table.Cell key={p} className="number">
                        {show(q.data?.casesByPhase[p] ?? 0)}
                      </Table.Cell>
                    ))}
                  </>
                )}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
      {schoolId ? (
        <>
          <SchoolSelect schools={schools} value={schoolId} onChange={setChosen} />
          <SchoolOverview schoolId={schoolId} levelsByGroup={hasRole(me, 'school-leader', 'student-services', 'auditor')} />
        </>
      ) : null}
    </>
  );
}
