/** Which pages a person's roles lead to; the links are named as the pages' headings (api.md). */
import type { Me } from '../api/types';
import { groupsOf, hasRole } from '../auth/session';

export interface NavItem {
  to: string;
  /** i18n key of the page's heading. */
  label: string;
  /** Shown after the heading when one heading leads to several pages (a teacher's classes). */
  suffix?: string;
}

export function navigationFor(me: Me): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: 'nav.overview' }];
  if (hasRole(me, 'teacher', 'contact-teacher')) {
    const groups = groupsOf(me);
    for (const { schoolId, groupId } of groups) {
      const several = groups.filter((g) => g.groupId === groupId).length > 1;
      items.push({
        to: `/klasse/${encodeURIComponent(groupId)}${several ? `?skole=${encodeURIComponent(schoolId)}` : ''}`,
        label: 'nav.myClass',
        suffix: groupId,
      });
    }
  }
  if (hasRole(me, 'contact-teacher', 'school-leader', 'student-services', 'auditor')) items.push({ to: '/oppgaver', label: 'nav.tasks' });
  if (hasRole(me, 'school-leader', 'student-services', 'auditor')) items.push({ to: '/fravaersliste', label: 'nav.absenceList' });
  if (hasRole(me, 'contact-teacher', 'school-leader', 'student-services', 'auditor')) items.push({ to: '/saker', label: 'nav.cases' });
  if (hasRole(me, 'ppt', 'auditor')) items.push({ to: '/ppt', label: 'nav.ppt' });
  if (hasRole(me, 'school-leader', 'student-services', 'municipality', 'auditor'))
    items.push({ to: '/statistikk', label: 'nav.statistics' });
  return items;
}
