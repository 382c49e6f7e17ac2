/**
 * The records a case worker adds to a case (api.md, Cases), as data: each form's fields and how
 * its values become the request body. RecordForm renders any of them.
 */
import type { CaseDoc } from '../api/types';

export type FieldKind = 'text' | 'textarea' | 'date' | 'number' | 'select' | 'lines';
export interface FieldSpec {
  name: string;
  /** i18n key of the label. */
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** select: values, each labelled by `${optionKeys}.${value}`. */
  options?: readonly string[];
  optionKeys?: string;
  /** select: a label per value where the values are ids (a measure, a consent). */
  labels?: Record<string, string>;
}
export interface FormSpec {
  id: string;
  /** i18n key of the form's heading. */
  title: string;
  fields: (c: CaseDoc) => FieldSpec[];
  /** The path under /cases/{caseId}, from the values (an evaluation names its measure). */
  path: (values: Values) => string;
  body: (values: Values) => unknown;
  /** Whether the form applies to the case as it stands. */
  applies?: (c: CaseDoc) => boolean;
}
export type Values = Record<string, string>;

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const optional = (name: string, value: string | undefined) => (value ? { [name]: value } : {});
const open = (c: CaseDoc) => c.status === 'open';
/** An evaluation's outcome, and a closing's (api.md, Cases). */
const OUTCOMES = ['resolved', 'progressing', 'try-other-measures', 'external-help-needed'] as const;

export const CASE_FORMS: FormSpec[] = [
  {
    id: 'contact',
    title: 'case.contact',
    applies: open,
    fields: () => [
      { name: 'with', label: 'contact.with', kind: 'select', options: ['guardian', 'student'], optionKeys: 'contact', required: true },
      {
        name: 'channel',
        label: 'contact.channel',
        kind: 'select',
        options: ['phone', 'meeting', 'message', 'home-visit'],
        optionKeys: 'contact',
        required: true,
      },
      { name: 'at', label: 'contact.at', kind: 'date', required: true },
      { name: 'summary', label: 'contact.summary', kind: 'textarea', required: true },
      { name: 'studentView', label: 'contact.studentView', kind: 'textarea' },
    ],
    path: () => 'contacts',
    body: (v) => ({ with: v.with, channel: v.channel, at: v.at, summary: v.summary, ...optional('studentView', v.studentView) }),
  },
  {
    id: 'meeting',
    title: 'case.meeting',
    applies: open,
    fields: () => [
      {
        name: 'type',
        label: 'case.meetingType',
        kind: 'select',
        options: ['presence-meeting', 'shared-understanding', 'resource-team', 'interdisciplinary', 'evaluation', 'other'],
        optionKeys: 'case',
        required: true,
      },
      { name: 'heldAt', label: 'contact.at', kind: 'date', required: true },
      { name: 'participants', label: 'case.participants', kind: 'lines', required: true },
      { name: 'minutes', label: 'case.minutes', kind: 'textarea', required: true },
      { name: 'studentView', label: 'contact.studentView', kind: 'textarea' },
    ],
    path: () => 'meetings',
    body: (v) => ({
      type: v.type,
      heldAt: v.heldAt,
      participants: lines(v.participants).map((line) => {
        const [name, role] = line.split(',').map((part) => part.trim());
        return { name, role: role || 'other' };
      }),
      minutes: v.minutes,
      ...optional('studentView', v.studentView),
    }),
  },
  {
    id: 'mapping',
    title: 'case.mapping',
    applies: open,
    fields: () => [
      { name: 'individual', label: 'case.individual', kind: 'textarea' },
      { name: 'family', label: 'case.family', kind: 'textarea' },
      { name: 'social', label: 'case.social', kind: 'textarea' },
      { name: 'school', label: 'case.schoolDomain', kind: 'textarea' },
      { name: 'community', label: 'case.community', kind: 'textarea' },
      { name: 'society', label: 'case.society', kind: 'textarea' },
      { name: 'summary', label: 'case.mappingSummary', kind: 'textarea', required: true },
    ],
    path: () => 'mappings',
    body: (v) => ({
      domains: Object.fromEntries(
        ['individual', 'family', 'social', 'school', 'community', 'society'].flatMap((d) => (v[d] ? [[d, v[d]]] : [])),
      ),
      summary: v.summary,
    }),
  },
  {
    id: 'measure',
    title: 'case.measure',
    applies: open,
    fields: () => [
      { name: 'description', label: 'case.description', kind: 'textarea', required: true },
      { name: 'responsibleName', label: 'case.responsibleName', kind: 'text', required: true },
      {
        name: 'responsibleRole',
        label: 'case.responsibleRole',
        kind: 'select',
        options: ['contact-teacher', 'school-leader', 'student-services', 'teacher'],
        optionKeys: 'role',
        required: true,
      },
      { name: 'startsOn', label: 'case.startsOn', kind: 'date', required: true },
      { name: 'evaluateBy', label: 'case.evaluateBy', kind: 'date', required: true },
    ],
    path: () => 'measures',
    body: (v) => ({
      description: v.description,
      responsible: { name: v.responsibleName, role: v.responsibleRole },
      startsOn: v.startsOn,
      evaluateBy: v.evaluateBy,
    }),
  },
  {
    id: 'evaluation',
    title: 'case.evaluate',
    applies: (c) => open(c) && c.measures.length > 0,
    fields: (c) => [
      {
        name: 'measureId',
        label: 'case.chooseMeasure',
        kind: 'select',
        options: c.measures.map((m) => m.measureId),
        labels: Object.fromEntries(c.measures.map((m) => [m.measureId, m.description])),
        required: true,
      },
      {
        name: 'outcome',
        label: 'case.outcome',
        kind: 'select',
        options: OUTCOMES,
        optionKeys: 'case',
        required: true,
      },
      { name: 'note', label: 'case.note', kind: 'textarea', required: true },
      { name: 'studentView', label: 'contact.studentView', kind: 'textarea' },
    ],
    path: (v) => `measures/${encodeURIComponent(v.measureId ?? '')}/evaluations`,
    body: (v) => ({ outcome: v.outcome, note: v.note, ...optional('studentView', v.studentView) }),
  },
  {
    id: 'consent',
    title: 'case.consent',
    applies: open,
    fields: () => [
      {
        name: 'purpose',
        label: 'case.purpose',
        kind: 'select',
        options: ['ppt', 'stafettlogg', 'bup', 'school-nurse', 'gp', 'other'],
        optionKeys: 'purpose',
        required: true,
      },
      { name: 'recipients', label: 'case.recipients', kind: 'text', required: true },
      { name: 'givenByName', label: 'case.givenBy', kind: 'text', required: true },
      { name: 'relation', label: 'case.relation', kind: 'select', options: ['guardian', 'student'], optionKeys: 'contact', required: true },
      { name: 'givenAt', label: 'contact.at', kind: 'date', required: true },
    ],
    path: () => 'consents',
    body: (v) => ({
      purpose: v.purpose,
      recipients: (v.recipients ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
      givenBy: { name: v.givenByName, relation: v.relation },
      givenAt: v.givenAt,
    }),
  },
  {
    id: 'withdrawal',
    title: 'case.withdraw',
    applies: (c) => c.consents.some((consent) => !consent.withdrawnAt),
    fields: (c) => [
      {
        name: 'consentId',
        label: 'case.consent',
        kind: 'select',
        options: c.consents.filter((x) => !x.withdrawnAt).map((x) => x.consentId),
        labels: Object.fromEntries(c.consents.map((x) => [x.consentId, `${x.purpose}: ${x.recipients.join(', ')}`])),
        required: true,
      },
      { name: 'at', label: 'contact.at', kind: 'date', required: true },
      { name: 'note', label: 'case.note', kind: 'textarea' },
    ],
    path: (v) => `consents/${encodeURIComponent(v.consentId ?? '')}/withdrawal`,
    body: (v) => ({ at: v.at, ...optional('note', v.note) }),
  },
  {
    id: 'referral',
    title: 'case.referral',
    applies: open,
    fields: () => [
      {
        name: 'to',
        label: 'case.referTo',
        kind: 'select',
        options: ['ppt', 'bup', 'barnevern', 'school-nurse', 'gp', 'other'],
        optionKeys: 'purpose',
        required: true,
      },
      {
        name: 'kind',
        label: 'case.kind',
        kind: 'select',
        options: ['consultation', 'referral'],
        optionKeys: 'referralKind',
        required: true,
      },
      { name: 'at', label: 'contact.at', kind: 'date', required: true },
      { name: 'note', label: 'case.note', kind: 'textarea', required: true },
    ],
    path: () => 'referrals',
    body: (v) => ({ to: v.to, kind: v.kind, at: v.at, note: v.note }),
  },
  {
    id: 'phase',
    title: 'case.phase',
    applies: open,
    fields: () => [
      { name: 'phase', label: 'case.newPhase', kind: 'number', required: true },
      { name: 'reason', label: 'case.phaseReason', kind: 'textarea', required: true },
    ],
    path: () => 'phase',
    body: (v) => ({ phase: Number(v.phase), reason: v.reason }),
  },
  {
    id: 'return-plan',
    title: 'case.returnPlan',
    applies: open,
    fields: () => [
      { name: 'goals', label: 'case.goals', kind: 'lines', required: true },
      { name: 'guide', label: 'case.presenceGuide', kind: 'text', required: true },
      { name: 'startsOn', label: 'case.startsOn', kind: 'date', required: true },
    ],
    path: () => 'return-plan',
    body: (v) => ({ goals: lines(v.goals), presenceGuide: { name: v.guide, role: 'presence-guide' }, startsOn: v.startsOn }),
  },
  {
    id: 'close',
    title: 'case.close',
    applies: open,
    fields: () => [
      {
        name: 'outcome',
        label: 'case.closeOutcome',
        kind: 'select',
        options: OUTCOMES,
        optionKeys: 'case',
        required: true,
      },
      { name: 'note', label: 'case.note', kind: 'textarea', required: true },
    ],
    path: () => 'close',
    body: (v) => ({ outcome: v.outcome, note: v.note }),
  },
];
