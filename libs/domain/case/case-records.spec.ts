import { describe, it } from '@jest/globals';
import type { ContactRecorded, MeetingHeld, MappingRecorded, ReturnPlanAgreed } from '../events/index.js';
import type { AgreeReturnPlan, HoldMeeting, RecordContact, RecordMapping } from './case.commands.js';
import { opened, spec, today } from './case.fixtures.js';

describe('RecordContact', () => {
  const contact = (data: Partial<RecordContact['data']> = {}): RecordContact => ({
    type: 'RecordContact',
    data: {
      caseId: 'c1',
      contactId: 'k1',
      with: 'guardian',
      channel: 'phone',
      at: '2026-11-20T14:05:00Z',
      summary: 'Mor forteller om magesmerter om morgenen',
      ...data,
    },
  });
  const recorded: ContactRecorded = {
    type: 'ContactRecorded',
    schemaVersion: 1,
    data: {
      caseId: 'c1',
      contactId: 'k1',
      with: 'guardian',
      channel: 'phone',
      at: '2026-11-20T14:05:00Z',
      summary: 'Mor forteller om magesmerter om morgenen',
    },
  };
  it('records a conversation after the fact, at a date or an instant', () => {
    spec.given([opened]).when(contact()).then([recorded]);
    spec
      .given([opened])
      .when(contact({ at: '2026-10-01', with: 'student', studentView: 'Vil ikke på skolen' }))
      .then([{ ...recorded, data: { ...recorded.data, at: '2026-10-01', with: 'student', studentView: 'Vil ikke på skolen' } }]);
  });
  it('refuses a future date, an unknown channel or party, an empty summary, a reused id', () => {
    spec
      .given([opened])
      .when(contact({ at: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
    spec
      .given([opened])
      .when(contact({ at: 'igår' }))
      .thenThrowsCode('invalid-date');
    spec
      .given([opened])
      .when(contact({ channel: 'pigeon' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(contact({ with: 'teacher' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(contact({ summary: '' }))
      .thenThrowsCode('invalid-field');
    spec.given([opened, recorded]).when(contact()).thenThrowsCode('duplicate-id');
  });
});

describe('HoldMeeting', () => {
  const meeting = (data: Partial<HoldMeeting['data']> = {}): HoldMeeting => ({
    type: 'HoldMeeting',
    data: {
      caseId: 'c1',
      meetingId: 'mt1',
      type: 'presence-meeting',
      heldAt: '2026-11-18',
      participants: [
        { name: 'Ola Lærer', role: 'contact-teacher' },
        { name: 'Anne Nordmann', role: 'guardian' },
      ],
      minutes: 'Avtalt fast oppmøte',
      studentView: 'Synes det er lettere med en fast voksen',
      ...data,
    },
  });
  const held: MeetingHeld = { type: 'MeetingHeld', schemaVersion: 1, data: meeting().data };
  it('records a meeting with minutes and the student’s view', () => {
    spec.given([opened]).when(meeting()).then([held]);
  });
  it('refuses no participants, a participant without role, an unknown type, a future date, a reused id', () => {
    spec
      .given([opened])
      .when(meeting({ participants: [] }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(meeting({ participants: [{ name: 'x', role: '' }] }))
      .thenThrows((e) => (e as { field?: string }).field === 'participants[0].role');
    spec
      .given([opened])
      .when(meeting({ type: 'party' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(meeting({ heldAt: '2026-12-01' }))
      .thenThrowsCode('date-in-future');
    spec.given([opened, held]).when(meeting()).thenThrowsCode('duplicate-id');
  });
});

describe('RecordMapping (tiltakssirkelen)', () => {
  const mapping = (data: Partial<RecordMapping['data']> = {}): RecordMapping => ({
    type: 'RecordMapping',
    data: {
      caseId: 'c1',
      mappingId: 'mp1',
      domains: { individual: 'angst', school: 'konflikt i klassen' },
      summary: 'Sammensatt',
      ...data,
    },
  });
  const recorded: MappingRecorded = {
    type: 'MappingRecorded',
    schemaVersion: 1,
    data: {
      caseId: 'c1',
      mappingId: 'mp1',
      domains: { individual: 'angst', school: 'konflikt i klassen' },
      summary: 'Sammensatt',
      on: today,
    },
  };
  it('records findings by domain', () => {
    spec.given([opened]).when(mapping()).then([recorded]);
    spec
      .given([opened])
      .when(mapping({ on: '2026-11-10' }))
      .then([{ ...recorded, data: { ...recorded.data, on: '2026-11-10' } }]);
  });
  it('refuses an unknown domain, an empty summary, a reused id', () => {
    spec
      .given([opened])
      .when(mapping({ domains: { weather: 'grått' } as never }))
      .thenThrows((e) => String(e).includes('weather'));
    spec
      .given([opened])
      .when(mapping({ summary: '' }))
      .thenThrowsCode('invalid-field');
    spec.given([opened, recorded]).when(mapping()).thenThrowsCode('duplicate-id');
  });
});

describe('AgreeReturnPlan (vindafjord-etne: tilbakeføringsplan with nærværslos)', () => {
  const plan = (data: Partial<AgreeReturnPlan['data']> = {}): AgreeReturnPlan => ({
    type: 'AgreeReturnPlan',
    data: {
      caseId: 'c1',
      goals: ['Første time hver dag', 'Full dag fra uke 3'],
      presenceGuide: { name: 'Per Miljø', role: 'miljøarbeider' },
      startsOn: '2026-12-01',
      ...data,
    },
  });
  const agreed: ReturnPlanAgreed = { type: 'ReturnPlanAgreed', schemaVersion: 1, data: plan().data };
  it('agrees a plan that may start in the future, and a revised one later', () => {
    spec.given([opened]).when(plan()).then([agreed]);
    spec
      .given([opened, agreed])
      .when(plan({ goals: ['Ny plan'] }))
      .then([{ ...agreed, data: { ...agreed.data, goals: ['Ny plan'] } }]);
  });
  it('refuses no goals and a guide without name', () => {
    spec
      .given([opened])
      .when(plan({ goals: [] }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(plan({ presenceGuide: { name: '', role: 'x' } }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(plan({ startsOn: '1.12.2026' }))
      .thenThrowsCode('invalid-date');
  });
});
