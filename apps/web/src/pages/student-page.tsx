/** The student's page (api.md: heading the student's name): level and why, absence by week, tasks, case, a contact home. */
import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { useCases, useConcern, useRegistrations, useStudent, useTasks } from '../api/queries';
import type { Concern, Task } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { ContactForm } from '../components/contact-form';
import { LevelBadge } from '../components/level-badge';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { TaskActions } from '../components/task-actions';
import { TaskStatusTag } from '../components/task-status';
import { formatDate } from '../i18n/i18n';
import { absenceByWeek } from './absence-by-week';

export function StudentPage() {
  const { t } = useTranslation();
  const { studentId = '' } = useParams();
  const me = useMe();
  const student = useStudent(studentId);
  const followsUp = hasRole(me, 'contact-teacher', 'school-leader', 'student-services', 'auditor');
  const concern = useConcern(studentId, followsUp);
  const registrations = useRegistrations(studentId);
  const tasks = useTasks(student.data?.schoolId, { studentId }, followsUp && student.isSuccess);
  const cases = useCases({ studentId }, hasRole(me, 'contact-teacher', 'school-leader', 'student-services') && student.isSuccess);
  const openCase = cases.data?.find((c) => c.status === 'open');
  return (
    <QueryState query={student}>
      {(s) => (
        <>
          <PageHeading>{s.name}</PageHeading>
          <Paragraph>{t('student.group', { group: s.group, school: s.schoolName ?? s.schoolId })}</Paragraph>
          {followsUp ? (
            <section aria-labelledby="level-heading">
              <Heading level={2} data-size="sm" id="level-heading">
                {t('student.level')}
              </Heading>
              <QueryState query={concern}>{(c) => <LevelExplained concern={c} />}</QueryState>
            </section>
          ) : null}
          <section aria-labelledby="weeks-heading">
            <Heading level={2} data-size="sm" id="weeks-heading">
              {t('student.byWeek')}
            </Heading>
            <QueryState query={registrations}>
              {(list) => (
                <Table zebra>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('student.week')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('student.days')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('student.lessons')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('student.lates')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('student.leftEarly')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {absenceByWeek(list).map((w) => (
                      <Table.Row key={w.week}>
                        <Table.Cell>{w.week.replace('-W', ', uke ')}</Table.Cell>
                        <Table.Cell>{w.days}</Table.Cell>
                        <Table.Cell>{w.lessons}</Table.Cell>
                        <Table.Cell>{w.lates}</Table.Cell>
                        <Table.Cell>{w.leftEarly}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              )}
            </QueryState>
          </section>
          {followsUp ? (
            <section aria-labelledby="tasks-heading">
              <Heading level={2} data-size="sm" id="tasks-heading">
                {t('student.tasks')}
              </Heading>
              <QueryState query={tasks}>{(list) => <StudentTasks tasks={list} />}</QueryState>
            </section>
          ) : null}
          {cases.isSuccess ? (
            <section aria-labelledby="case-heading">
              <Heading level={2} data-size="sm" id="case-heading">
                {t('student.case')}
              </Heading>
              {openCase ? (
                <Link asChild>
                  <RouterLink to={`/sak/${openCase.caseId}`}>{t('student.openCase')}</RouterLink>
                </Link>
              ) : (
                <Paragraph>{t('student.noCase')}</Paragraph>
              )}
            </section>
          ) : null}
          {hasRole(me, 'contact-teacher', 'school-leader', 'student-services') ? (
            <section aria-labelledby="contact-heading">
              <Heading level={2} data-size="sm" id="contact-heading">
                {t('student.recordContact')}
              </Heading>
              <Paragraph data-size="sm">{t('student.contactIntro')}</Paragraph>
              <ContactForm studentId={s.studentId} />
            </section>
          ) : null}
        </>
      )}
    </QueryState>
  );
}

function LevelExplained({ concern }: { concern: Concern }) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <LevelBadge level={concern.level} />
      </Paragraph>
      {concern.triggers.length === 0 ? (
        <Paragraph>{t('student.noTriggers')}</Paragraph>
      ) : (
        <Table>
          <caption>{t('student.why')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('student.rule')}</Table.HeaderCell>
              <Table.HeaderCell>{t('student.window')}</Table.HeaderCell>
              <Table.HeaderCell>{t('student.count')}</Table.HeaderCell>
              <Table.HeaderCell>{t('student.threshold')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {concern.triggers.map((trigger) => (
              <Table.Row key={trigger.ruleId}>
                <Table.Cell>
                  <LevelBadge level={trigger.level} /> {trigger.description}
                </Table.Cell>
                <Table.Cell>
                  {formatDate(trigger.window.from)}–{formatDate(trigger.window.to)}
                </Table.Cell>
                <Table.Cell>{trigger.count}</Table.Cell>
                <Table.Cell>{trigger.threshold}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}

function StudentTasks({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <Paragraph>{t('student.noTasks')}</Paragraph>;
  return (
    <Table>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('task.step')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.due')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.status')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.actions')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {tasks.map((task) => (
          <Table.Row key={task.taskId}>
            <Table.Cell>{task.step.title}</Table.Cell>
            <Table.Cell>{formatDate(task.dueOn)}</Table.Cell>
            <Table.Cell>
              <TaskStatusTag status={task.status} />
            </Table.Cell>
            <Table.Cell>
              <TaskActions task={task} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
