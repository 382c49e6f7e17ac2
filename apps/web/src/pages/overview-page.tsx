/** Oversikt: what the signed-in person needs first (api.md): their classes, their tasks, their cases. */
import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useCases, useTasksOfSchools } from '../api/queries';
import { groupsOf, hasRole, useMe } from '../auth/session';
import { PageHeading } from '../components/page-heading';
import { navigationFor } from '../layout/navigation';
import { GuardianChildren } from './guardian-overview';

export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const groups = groupsOf(me);
  const readsTasks = hasRole(me, 'contact-teacher', 'school-leader', 'student-services');
  const taskSchools = hasRole(me, 'school-leader', 'student-services')
    ? me.schools.map((s) => s.schoolId)
    : [...new Set(groups.map((g) => g.schoolId))];
  const tasks = useTasksOfSchools(readsTasks ? taskSchools : [], readsTasks);
  const readsCases = hasRole(me, 'contact-teacher', 'school-leader', 'student-services');
  const cases = useCases({ status: 'open' }, readsCases);
  const all = tasks.flatMap((q) => q.data ?? []);
  const overdue = all.filter((task) => task.status === 'overdue').length;
  return (
    <>
      <PageHeading>{t('overview.title')}</PageHeading>
      {hasRole(me, 'guardian') && me.children.length > 0 ? <GuardianChildren children={me.children} /> : null}
      <div className="cards">
        {groups.length > 0 ? (
          <Card>
            <Heading level={2} data-size="sm">
              {t('overview.myClasses')}
            </Heading>
            <ul>
              {navigationFor(me)
                .filter((item) => item.label === 'nav.myClass')
                .map((item) => (
                  <li key={item.to}>
                    <Link asChild>
                      <RouterLink to={item.to}>{`${t('nav.myClass')} ${item.suffix ?? ''}`}</RouterLink>
                    </Link>
                  </li>
                ))}
            </ul>
          </Card>
        ) : null}
        {readsTasks ? (
          <Card>
            <Heading level={2} data-size="sm">
              {t('overview.tasksDue')}
            </Heading>
            <Paragraph>
              {tasks.some((q) => q.isPending) ? t('app.loading') : t('overview.tasksCount', { due: all.length - overdue, overdue })}
            </Paragraph>
            <Link asChild>
              <RouterLink to="/oppgaver">{t('overview.goTo', { page: t('nav.tasks') })}</RouterLink>
            </Link>
          </Card>
        ) : null}
        {readsCases ? (
          <Card>
            <Heading level={2} data-size="sm">
              {t('overview.openCases')}
            </Heading>
            <Paragraph>{cases.isPending ? t('app.loading') : t('overview.casesCount', { count: cases.data?.length ?? 0 })}</Paragraph>
            <Link asChild>
              <RouterLink to="/saker">{t('overview.goTo', { page: t('nav.cases') })}</RouterLink>
            </Link>
          </Card>
        ) : null}
        {navigationFor(me)
          .filter((item) => ['nav.absenceList', 'nav.ppt', 'nav.statistics'].includes(item.label))
          .map((item) => (
            <Card key={item.to}>
              <Heading level={2} data-size="sm">
                {t(item.label)}
              </Heading>
              <Link asChild>
                <RouterLink to={item.to}>{t('overview.goTo', { page: t(item.label) })}</RouterLink>
              </Link>
            </Card>
          ))}
        {hasRole(me, 'auditor') ? <Paragraph>{t('overview.auditIntro')}</Paragraph> : null}
      </div>
    </>
  );
}
