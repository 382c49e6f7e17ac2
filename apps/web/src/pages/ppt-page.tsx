/** PPT: the cases referred to PPT (as far as a consent covers them) and PPT's table in the seed's layout, with download. */
import { Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, must } from '../api/client';
import type { Count, PptCase, PptStatistics } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { DownloadButtons } from '../components/download-buttons';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { formatDate, todayInOslo } from '../i18n/i18n';

const KEYS = ['consulted', 'referred', 'sum', 'completelyAbsent'] as const;

export function PptPage() {
  const { t } = useTranslation();
  const me = useMe();
  const municipalityId = me.municipality ?? '';
  const [asOf, setAsOf] = useState(todayInOslo());
  const [compareTo, setCompareTo] = useState('');
  const cases = useQuery({
    queryKey: ['ppt-cases'],
    enabled: hasRole(me, 'ppt'),
    queryFn: () => must<PptCase[]>(api.GET('/ppt/cases', { params: { query: {} as never } })),
  });
  const query = { asOf, ...(compareTo ? { compareTo } : {}) };
  const stats = useQuery({
    queryKey: ['ppt-statistics', municipalityId, query],
    enabled: municipalityId !== '',
    queryFn: () =>
      must<PptStatistics>(
        api.GET('/municipalities/{municipalityId}/ppt-statistics', { params: { path: { municipalityId }, query: query as never } }),
      ),
  });
  const shown = (now: Count, before: Count | undefined) => (before === undefined ? String(now) : `${now} (${before})`);
  return (
    <>
      <PageHeading>{t('ppt.title')}</PageHeading>
      {hasRole(me, 'ppt') ? (
        <section aria-labelledby="ppt-cases-heading">
          <Heading level={2} data-size="sm" id="ppt-cases-heading">
            {t('ppt.cases')}
          </Heading>
          <QueryState query={cases}>
            {(rows) =>
              rows.length === 0 ? (
                <Paragraph>{t('ppt.none')}</Paragraph>
              ) : (
                <Table zebra className="wide-table">
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('ppt.student')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('ppt.school')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('ppt.schoolLevel')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('ppt.phase')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('cases.status')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {rows.map((c) => (
                      <Table.Row key={c.caseId}>
                        <Table.Cell>
                          <RouterLink to={`/sak/${c.caseId}`}>{c.student.name}</RouterLink>
                        </Table.Cell>
                        <Table.Cell>{c.school.name}</Table.Cell>
                        <Table.Cell>{t(`schoolLevel.${c.schoolLevel}`, { defaultValue: c.schoolLevel })}</Table.Cell>
                        <Table.Cell>{c.phase}</Table.Cell>
                        <Table.Cell>{t(`cases.${c.status}`, { defaultValue: c.status })}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              )
            }
          </QueryState>
        </section>
      ) : null}
      <section aria-labelledby="ppt-stats-heading">
        <Heading level={2} data-size="sm" id="ppt-stats-heading">
          {t('ppt.statistics')}
        </Heading>
        <div className="filters">
          <Textfield label={t('ppt.asOf')} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          <Textfield label={t('ppt.compareTo')} type="date" value={compareTo} onChange={(e) => setCompareTo(e.target.value)} />
        </div>
        <QueryState query={stats}>
          {(s) => (
            <Table border className="ppt-table">
              <caption>
                {t('ppt.statistics')} ({formatDate(s.asOf)})
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('ppt.schoolLevel')}</Table.HeaderCell>
                  {KEYS.map((k) => (
                    <Table.HeaderCell key={k}>{t(`ppt.${k}`)}</Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {s.rows.map((row) => (
                  <Table.Row key={row.schoolLevel}>
                    <Table.HeaderCell scope="row">
                      {t(`schoolLevel.${row.schoolLevel}`, { defaultValue: row.schoolLevel })}
                    </Table.HeaderCell>
                    {KEYS.map((k) => (
                      <Table.Cell key={k} className="number">
                        {shown(row[k], row.previous?.[k])}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </QueryState>
        {compareTo ? <Paragraph data-size="sm">{t('ppt.earlier', { date: formatDate(compareTo) })}</Paragraph> : null}
        <DownloadButtons
          path={`/municipalities/${encodeURIComponent(municipalityId)}/ppt-statistics`}
          query={query}
          name="ppt-fravaerstall"
          disabled={municipalityId === ''}
        />
      </section>
    </>
  );
}
