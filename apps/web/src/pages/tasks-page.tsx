/** Oppgaver: the plan steps due at a school, with the names of the students; overdue steps by who is responsible. */
import { Field, Heading, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTasks } from '../api/queries';
import type { Task } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { DownloadButtons } from '../components/download-buttons';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { SchoolSelect, useListSchools } from '../components/school-select';
import { TaskActions } from '../components/task-actions';
import { TaskStatusTag } from '../components/task-status';
import { formatDate } from '../i18n/i18n';

const FILTERS = ['open', 'overdue', 'done', 'waived'] as const;

export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const schools = useListSchools();
  const [search, setSearch] = useSearchParams();
  const schoolId = search.get('skole') ?? schools[0]?.schoolId;
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('open');
  const tasks = useTasks(schoolId, filter === 'open' ? {} : { status: filter });
  return (
    <>
      <PageHeading>{t('nav.tasks')}</PageHeading>
      <div className="filters">
        <SchoolSelect schools={schools} value={schoolId} onChange={(id) => setSearch({ skole: id })} />
        <Field>
          <Label htmlFor="task-filter">{t('task.filter')}</Label>
          <Select id="task-filter" width="auto" value={filter} onChange={(e) => setFilter(e.target.value as (typeof FILTERS)[number])}>
            {FILTERS.map((f) => (
              <Select.Option key={f} value={f}>
                {t(`task.${f}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      {schoolId ? (
        <DownloadButtons path="/tasks" query={{ schoolId, ...(filter === 'open' ? {} : { status: filter }) }} name="oppgaver" />
      ) : null}
      <QueryState query={tasks}>
        {(list) => (
          <>
            {hasRole(me, 'school-leader') && filter === 'open' ? <OverdueByRole tasks={list} /> : null}
            <TaskTable tasks={list} />
          </>
        )}
      </QueryState>
    </>
  );
}

function OverdueByRole({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const task of tasks) if (task.status === 'overdue') counts.set(task.responsibleRole, (counts.get(task.responsibleRole) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <section aria-labelledby="overdue-heading">
      <Heading level={2} data-size="sm" id="overdue-heading">
        {t('task.overdueByRole')}
      </Heading>
      <Table>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('task.responsible')}</Table.HeaderCell>
            <Table.HeaderCell>{t('task.overdue')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {[...counts].map(([role, count]) => (
            <Table.Row key={role}>
              <Table.Cell>{t(`role.${role}`)}</Table.Cell>
              <Table.Cell>{count}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}

function TaskTable({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <Paragraph>{t('student.noTasks')}</Paragraph>;
  return (
    <Table zebra className="wide-table">
      <caption>{t('nav.tasks')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('task.student')}</Table.HeaderCell>
          <Table.HeaderCell>{t('cases.group')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.step')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.responsible')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.due')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.status')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task.actions')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {tasks.map((task) => (
          <Table.Row key={task.taskId}>
            <Table.Cell>
              {task.studentId ? (
                <RouterLink to={`/elev/${encodeURIComponent(task.studentId)}`}>{task.studentName ?? task.studentId}</RouterLink>
              ) : (
                '–'
              )}
            </Table.Cell>
            <Table.Cell>{task.group ?? ''}</Table.Cell>
            <Table.Cell>{task.step.title}</Table.Cell>
            <Table.Cell>{t(`role.${task.responsibleRole}`)}</Table.Cell>
            <Table.Cell>{formatDate(task.dueOn)}</Table.Cell>
            <Table.Cell>
              <TaskStatusTag status={task.status} />
            </Table.Cell>
            <Table.Cell>{task.scope === 'student' ? <TaskActions task={task} /> : null}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
