/** One school on the Statistikk page: its trend week by week (chart and table), and for those who may see levels, the levels by class. */
import { Heading, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import { useRoster } from '../api/queries';
import type { Level } from '../api/types';
import { LevelBadge } from '../components/level-badge';
import { QueryState } from '../components/query-state';
import { TrendChart, type WeekRow } from '../components/trend-chart';

export function SchoolOverview({ schoolId, levelsByGroup }: { schoolId: string; levelsByGroup: boolean }) {
  const { t } = useTranslation();
  const trend = useQuery({
    queryKey: ['trend', schoolId],
    queryFn: () =>
      must<WeekRow[]>(api.GET('/schools/{schoolId}/statistics/weeks', { params: { path: { schoolId }, query: { weeks: '12' } as never } })),
  });
  const roster = useRoster(levelsByGroup ? schoolId : undefined);
  const groups = new Map<string, Record<Level, number>>();
  for (const row of roster.data ?? []) {
    const counts = groups.get(row.group) ?? { green: 0, yellow: 0, red: 0 };
    if (row.level) counts[row.level] += 1;
    groups.set(row.group, counts);
  }
  return (
    <>
      <section aria-labelledby="trend-heading">
        <Heading level={2} data-size="sm" id="trend-heading">
          {t('statistics.trend')}
        </Heading>
        <QueryState query={trend}>{(weeks) => <TrendChart weeks={weeks} />}</QueryState>
      </section>
      {levelsByGroup ? (
        <section aria-labelledby="groups-heading">
          <Heading level={2} data-size="sm" id="groups-heading">
            {t('statistics.byGroup')}
          </Heading>
          <QueryState query={roster}>
            {() => (
              <Table zebra className="wide-table">
                <caption className="visually-hidden">{t('statistics.byGroup')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('cases.group')}</Table.HeaderCell>
                    {(['green', 'yellow', 'red'] as const).map((level) => (
                      <Table.HeaderCell key={level}>
                        <LevelBadge level={level} />
                      </Table.HeaderCell>
                    ))}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {[...groups]
                    .sort(([a], [b]) => a.localeCompare(b, 'nb', { numeric: true }))
                    .map(([group, counts]) => (
                      <Table.Row key={group}>
                        <Table.HeaderCell scope="row">{group}</Table.HeaderCell>
                        <Table.Cell className="number">{counts.green}</Table.Cell>
                        <Table.Cell className="number">{counts.yellow}</Table.Cell>
                        <Table.Cell className="number">{counts.red}</Table.Cell>
                      </Table.Row>
                    ))}
                </Table.Body>
              </Table>
            )}
          </QueryState>
        </section>
      ) : null}
    </>
  );
}
