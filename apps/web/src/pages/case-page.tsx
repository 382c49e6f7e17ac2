/**
 * The case (api.md: /sak/:caseId): a summary, the timeline, and a form for each record. The
 * page holds the revision it shows; forms send it as If-Match (see RecordForm). The case is not
 * refetched behind the reader's back, so what a form is based on is what the page shows.
 */
import { Details, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, must, post } from '../api/client';
import type { CaseDoc } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { RecordForm } from '../components/record-form';
import { formatDate } from '../i18n/i18n';
import { CASE_FORMS } from './case-forms';
import { caseTimeline } from './case-timeline';

export function CasePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { caseId = '' } = useParams();
  const queries = useQueryClient();
  const caseQuery = useQuery({
    queryKey: ['case', caseId, null],
    queryFn: () => must<CaseDoc>(api.GET('/cases/{caseId}', { params: { path: { caseId }, query: {} as never } })),
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  const writes = hasRole(me, 'contact-teacher', 'school-leader', 'student-services');
  const submit = async (path: string, body: unknown, revision: number) => {
    await post(`/cases/${encodeURIComponent(caseId)}/${path}`, body, {
      'If-Match': String(revision),
      'Idempotency-Key': crypto.randomUUID(),
    });
    await queries.invalidateQueries({ queryKey: ['case', caseId] });
    await queries.invalidateQueries({ queryKey: ['tasks'] });
  };
  const reload = () => void queries.invalidateQueries({ queryKey: ['case', caseId] });
  return (
    <QueryState query={caseQuery}>
      {(c) => (
        <>
          <PageHeading>{t('case.title', { name: c.studentName ?? c.studentId })}</PageHeading>
          <section aria-labelledby="summary-heading" className="case-summary">
            <Heading level={2} data-size="sm" id="summary-heading">
              {t('case.summary')}
            </Heading>
            <dl>
              <dt>{t('cases.status')}</dt>
              <dd>{t(`cases.${c.status}`)}</dd>
              <dt>{t('cases.phase')}</dt>
              <dd>
                {c.phase}
                {c.phaseName ? `: ${c.phaseName}` : ''}
              </dd>
              <dt>{t('cases.openedOn')}</dt>
              <dd>{formatDate(c.openedOn)}</dd>
              {c.reason ? (
                <>
                  <dt>{t('case.reason')}</dt>
                  <dd>{c.reason}</dd>
                </>
              ) : null}
              <dt>{t('cases.student')}</dt>
              <dd>
                <RouterLink to={`/elev/${encodeURIComponent(c.studentId)}`}>{c.studentName ?? c.studentId}</RouterLink>
              </dd>
            </dl>
            <Paragraph data-size="sm" data-testid="revision">
              {t('case.revision', { revision: c.revision })}
            </Paragraph>
            {hasRole(me, 'auditor', 'school-leader') ? (
              <Link asChild>
                <RouterLink to={`/revisjon/${c.caseId}`}>{t('audit.title')}</RouterLink>
              </Link>
            ) : null}
          </section>
          <section aria-labelledby="timeline-heading">
            <Heading level={2} data-size="sm" id="timeline-heading">
              {t('case.timeline')}
            </Heading>
            <ol className="timeline">
              {caseTimeline(c, t).map((item) => (
                <li key={item.key}>
                  <span className="timeline__date">{formatDate(item.date)}</span>
                  <strong className="timeline__title">{item.title}</strong>
                  <span className="timeline__text">{item.text}</span>
                  {item.detail ? <span className="timeline__detail">{item.detail}</span> : null}
                </li>
              ))}
            </ol>
          </section>
          {writes ? (
            <section aria-labelledby="records-heading" className="no-print">
              <Heading level={2} data-size="sm" id="records-heading">
                {t('case.records')}
              </Heading>
              {c.status === 'closed' ? <Paragraph>{t('case.closedCase')}</Paragraph> : null}
              {CASE_FORMS.filter((spec) => spec.applies?.(c) ?? true).map((spec) => (
                <Details key={spec.id}>
                  <Details.Summary>{t(spec.title)}</Details.Summary>
                  <Details.Content>
                    <RecordForm spec={spec} caseDoc={c} submit={submit} onReload={reload} />
                  </Details.Content>
                </Details>
              ))}
            </section>
          ) : null}
        </>
      )}
    </QueryState>
  );
}
