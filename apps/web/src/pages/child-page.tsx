/**
 * A guardian's page for one child (api.md: the guardian reports absence, reads the registrations,
 * level and the tasks that concern the child, gives and withdraws consents, reads the innsyn).
 * Phone-sized first: one column, tables scroll sideways inside their section.
 */
import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, download, must } from '../api/client';
import { refusalText } from '../api/errors';
import { useConcern, useRegistrations, useStudent } from '../api/queries';
import type { TaskHistoryRow, TaskStatus } from '../api/types';
import { TaskStatusTag } from '../components/task-status';
import { useMe } from '../auth/session';
import { ConsentsSection } from '../components/consents-section';
import { LevelBadge } from '../components/level-badge';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { ReportAbsenceForm } from '../components/report-absence-form';
import { formatDate } from '../i18n/i18n';

export function ChildPage() {
  const { t } = useTranslation();
  const { studentId = '' } = useParams();
  const me = useMe();
  const student = useStudent(studentId);
  const registrations = useRegistrations(studentId);
  const concern = useConcern(studentId);
  const tasks = useQuery({
    queryKey: ['task-history', studentId],
    queryFn: () => must<TaskHistoryRow[]>(api.GET('/students/{studentId}/tasks/history', { params: { path: { studentId } } })),
  });
  const [innsynError, setInnsynError] = useState<string | null>(null);
  const section = (id: string, title: string, body: ReactNode) => (
    <section aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {body}
    </section>
  );
  return (
    <QueryState query={student}>
      {(s) => (
        <div className="phone-column">
          <PageHeading>{s.name}</PageHeading>
          <Paragraph>{t('student.group', { group: s.group, school: s.schoolName ?? s.schoolId })}</Paragraph>
          {section(
            'report-heading',
            t('guardian.report'),
            <>
              <Paragraph data-size="sm">{t('guardian.reportIntro')}</Paragraph>
              <ReportAbsenceForm studentId={studentId} today={me.today} />
            </>,
          )}
          {section(
            'registrations-heading',
            t('guardian.registrations'),
            <QueryState query={registrations}>
              {(list) =>
                list.length === 0 ? (
                  <Paragraph>{t('guardian.noRegistrations')}</Paragraph>
                ) : (
                  <div className="table-scroll" tabIndex={0} role="region" aria-label={t('guardian.scrollTable')}>
                    <Table zebra>
                      <Table.Head>
                        <Table.Row>
                          <Table.HeaderCell>{t('class.date')}</Table.HeaderCell>
                          <Table.HeaderCell>{t('class.status')}</Table.HeaderCell>
                          <Table.HeaderCell>{t('guardian.byGuardian')}</Table.HeaderCell>
                          <Table.HeaderCell>{t('class.reason')}</Table.HeaderCell>
                        </Table.Row>
                      </Table.Head>
                      <Table.Body>
                        {[...list].reverse().map((r) => (
                          <Table.Row key={r.absenceId}>
                            <Table.Cell>{formatDate(r.date)}</Table.Cell>
                            <Table.Cell>
                              {t(`class.${r.kind}`)}
                              {r.lessons ? ` (${r.lessons})` : r.minutes ? ` (${r.minutes} min)` : ''}
                              {r.retracted ? `, ${t('guardian.retracted').toLowerCase()}` : ''}
                            </Table.Cell>
                            <Table.Cell>{r.reportedByGuardian ? t('guardian.yes') : t('guardian.no')}</Table.Cell>
                            <Table.Cell>{r.reason ?? ''}</Table.Cell>
                          </Table.Row>
                        ))}
                      </Table.Body>
                    </Table>
                  </div>
                )
              }
            </QueryState>,
          )}
          {section('level-heading', t('guardian.level'), <QueryState query={concern}>{(c) => <LevelBadge level={c.level} />}</QueryState>)}
          {section(
            'tasks-heading',
            t('guardian.tasks'),
            <QueryState query={tasks}>
              {(list) =>
                list.length === 0 ? (
                  <Paragraph>{t('guardian.noTasks')}</Paragraph>
                ) : (
                  <ul>
                    {list.map((task) => (
                      <li key={task.taskId}>
                        {task.step.title}: {t('guardian.due')} {formatDate(task.dueOn)}{' '}
                        {task.status === 'no-longer-asked' ? null : <TaskStatusTag status={task.status as TaskStatus} />}
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>,
          )}
          {section('consents-heading', t('guardian.consents'), <ConsentsSection studentId={studentId} today={me.today} />)}
          {section(
            'innsyn-heading',
            t('guardian.innsyn'),
            <>
              <Paragraph data-size="sm">{t('guardian.innsynIntro')}</Paragraph>
              <Button
                variant="secondary"
                onClick={() => {
                  setInnsynError(null);
                  download(`/students/${encodeURIComponent(studentId)}/innsyn`, { format: 'pdf' }, `innsyn-${studentId}.pdf`).catch(
                    (e: unknown) => setInnsynError(refusalText(e, t)),
                  );
                }}
              >
                {t('guardian.downloadInnsyn')}
              </Button>
              {innsynError ? <Alert data-color="danger">{innsynError}</Alert> : null}
            </>,
          )}
        </div>
      )}
    </QueryState>
  );
}
