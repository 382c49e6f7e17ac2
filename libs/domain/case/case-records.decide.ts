/** Contacts, meetings, mappings and the return plan: records of what happened in a case. */
import { DomainError } from '../shared/domain-error.js';
import { requireDate, requireDateOrInstant, requireNotFuture } from '../shared/dates.js';
import { requireNonEmptyList, requireOneOf, requireText } from '../shared/require.js';
import {
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  MAPPING_DOMAINS,
  MEETING_TYPES,
  type ContactRecorded,
  type MappingDomains,
  type MappingRecorded,
  type MeetingHeld,
  type ReturnPlanAgreed,
} from '../events/index.js';
import type { AgreeReturnPlan, CaseContext, HoldMeeting, RecordContact, RecordMapping } from './case.commands.js';
import type { OpenedCase } from './case.state.js';
import { onOrToday } from './case-lifecycle.decide.js';
import { optionalText, requireNewId, requirePerson } from './case-input.js';
import { consentValidOn } from './consent-rules.js';

export function recordContact(command: RecordContact, state: OpenedCase, context: CaseContext): ContactRecorded[] {
  const d = command.data;
  const at = requireDateOrInstant(d.at, 'at');
  requireNotFuture(at, context.today, 'at');
  return [
    {
      type: 'ContactRecorded',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        contactId: requireNewId(
          d.contactId,
          state.contacts.map((c) => c.contactId),
          'contactId',
        ),
        with: requireOneOf(d.with, CONTACT_PARTIES, 'with'),
        channel: requireOneOf(d.channel, CONTACT_CHANNELS, 'channel'),
        at,
        summary: requireText(d.summary, 'summary'),
        ...optionalText('studentView', d.studentView),
      },
    },
  ];
}

export function holdMeeting(command: HoldMeeting, state: OpenedCase, context: CaseContext): MeetingHeld[] {
  const d = command.data;
  const heldAt = requireDateOrInstant(d.heldAt, 'heldAt');
  requireNotFuture(heldAt, context.today, 'heldAt');
  const participants = requireNonEmptyList<unknown>(d.participants, 'participants').map((p, i) => requirePerson(p, `participants[${i}]`));
  const type = requireOneOf(d.type, MEETING_TYPES, 'type');
  // A plan that asks consent before the case is taken to such a meeting (Vindafjord's resource team).
  if (context.consentDemands?.meetings?.includes(type) && !state.consents.some((c) => consentValidOn(c, heldAt)))
    throw new DomainError(
      'consent-required',
      `the plan asks for the guardians' consent before a ${type} meeting; case ${state.caseId} has none valid`,
      'type',
    );
  return [
    {
      type: 'MeetingHeld',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        meetingId: requireNewId(
          d.meetingId,
          state.meetings.map((m) => m.meetingId),
          'meetingId',
        ),
        type,
        heldAt,
        participants,
        minutes: requireText(d.minutes, 'minutes'),
        ...optionalText('studentView', d.studentView),
      },
    },
  ];
}

export function recordMapping(command: RecordMapping, state: OpenedCase, context: CaseContext): MappingRecorded[] {
  const d = command.data;
  const input = (d.domains ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !(MAPPING_DOMAINS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new DomainError(
      'invalid-field',
      `unknown mapping domains: ${unknown.join(', ')} (known: ${MAPPING_DOMAINS.join(', ')})`,
      'domains',
    );
  const domains: Record<string, string> = {};
  for (const key of MAPPING_DOMAINS) if (input[key] !== undefined) domains[key] = requireText(input[key], `domains.${key}`);
  return [
    {
      type: 'MappingRecorded',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        mappingId: requireNewId(
          d.mappingId,
          state.mappings.map((m) => m.mappingId),
          'mappingId',
        ),
        domains: domains as MappingDomains,
        summary: requireText(d.summary, 'summary'),
        on: onOrToday(d.on, context),
      },
    },
  ];
}

/**
 * vindafjord-etne (001, seed lines 254–261): a return plan (tilbakeføring) with a
 * nærværslos. A new plan replaces the last; the old one stays in the history.
 */
export function agreeReturnPlan(command: AgreeReturnPlan, state: OpenedCase, _context: CaseContext): ReturnPlanAgreed[] {
  const d = command.data;
  const goals = requireNonEmptyList<unknown>(d.goals, 'goals').map((g, i) => requireText(g, `goals[${i}]`));
  return [
    {
      type: 'ReturnPlanAgreed',
      schemaVersion: 1,
      // startsOn may lie ahead: a plan is agreed before the return begins.
      data: {
        caseId: state.caseId,
        goals,
        presenceGuide: requirePerson(d.presenceGuide, 'presenceGuide'),
        startsOn: requireDate(d.startsOn, 'startsOn'),
      },
    },
  ];
}
