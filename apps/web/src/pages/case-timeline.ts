/** The case's records in date order, as the timeline on the case page shows them. */
import type { TFunction } from 'i18next';
import type { CaseDoc } from '../api/types';
import { formatDate } from '../i18n/i18n';

export interface TimelineItem {
  key: string;
  date: string;
  title: string;
  text: string;
  detail?: string;
}

export function caseTimeline(c: CaseDoc, t: TFunction): TimelineItem[] {
  const items: TimelineItem[] = [{ key: 'opened', date: c.openedOn, title: t('timeline.opened'), text: c.reason ?? '' }];
  for (const x of c.contacts)
    items.push({
      key: x.contactId,
      date: x.at,
      title: t('timeline.contact', { with: t(`contact.${x.with}`).toLowerCase() }),
      text: x.summary,
      ...(x.studentView ? { detail: `${t('contact.studentView')}: ${x.studentView}` } : {}),
    });
  for (const m of c.meetings)
    items.push({
      key: m.meetingId,
      date: m.heldAt,
      title: m.type ? `${t('timeline.meeting')}: ${t(`case.${m.type}`)}` : t('timeline.meeting'),
      text: m.minutes,
      detail: [
        m.participants.map((p) => `${p.name} (${t(`role.${p.role}`, { defaultValue: p.role })})`).join(', '),
        m.studentView ? `${t('contact.studentView')}: ${m.studentView}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    });
  for (const m of c.measures) {
    items.push({
      key: m.measureId,
      date: m.startsOn,
      title: t('timeline.measure'),
      text: m.description,
      detail: `${m.responsible.name} · ${t('case.evaluateBy')} ${formatDate(m.evaluateBy)}`,
    });
    for (const [i, e] of (m.evaluations ?? []).entries())
      items.push({
        key: `${m.measureId}-e${i}`,
        date: e.on ?? m.evaluateBy,
        title: t('timeline.evaluation', { outcome: t(`case.${e.outcome}`) }),
        text: e.note,
      });
  }
  for (const x of c.consents)
    items.push({
      key: x.consentId,
      date: x.givenAt,
      title: t('timeline.consent', { purpose: t(`purpose.${x.purpose}`) }),
      text: `${x.givenBy.name}: ${x.recipients.join(', ')}${x.withdrawnAt ? ` (${t('case.withdrawn')} ${formatDate(x.withdrawnAt)})` : ''}`,
    });
  for (const [i, r] of c.referrals.entries())
    items.push({ key: r.referralId ?? `r${i}`, date: r.at, title: t('timeline.referral', { to: t(`purpose.${r.to}`) }), text: r.note });
  if (c.returnPlan)
    items.push({ key: 'return-plan', date: c.returnPlan.startsOn, title: t('case.returnPlan'), text: c.returnPlan.goals.join('; ') });
  if (c.closure) items.push({ key: 'closure', date: c.closure.on ?? '', title: t('timeline.closed'), text: c.closure.note });
  return items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
