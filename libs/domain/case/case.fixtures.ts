/** Shared givens for the case specs. Today is Monday 2026-11-23. */
import type { CaseOpened, ConsentGiven, ConsentWithdrawn, MeasureAgreed } from '../events/index.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import type { CaseContext } from './case.commands.js';
import { caseDecider } from './case.decider.js';

export const today = '2026-11-23';
export const context: CaseContext = { today };
export const spec = DeciderSpecification.for(caseDecider, context);

export const opened: CaseOpened = {
  type: 'CaseOpened',
  schemaVersion: 1,
  data: { caseId: 'c1', studentId: 's1', schoolId: 'hemsedal', reason: 'gult nivå', openedOn: '2026-11-02', phase: 1 },
};
export const closed = {
  type: 'CaseClosed',
  schemaVersion: 1,
  data: { caseId: 'c1', outcome: 'resolved', note: 'tilbake i full skolegang', on: today },
} as const;

export const measure: MeasureAgreed = {
  type: 'MeasureAgreed',
  schemaVersion: 1,
  data: {
    caseId: 'c1',
    measureId: 'm1',
    description: 'Fast oppmøte hos sosiallærer mandag morgen',
    responsible: { name: 'Ola Lærer', role: 'contact-teacher' },
    startsOn: '2026-11-09',
    evaluateBy: '2026-11-30',
  },
};

export function consent(consentId: string, purpose: ConsentGiven['data']['purpose'], givenAt: string): ConsentGiven {
  return {
    type: 'ConsentGiven',
    schemaVersion: 1,
    data: {
      caseId: 'c1',
      consentId,
      purpose,
      // A consent names whom it is for (consent-rules.ts): PPT's names PPT, BUP's names BUP.
      recipients: [purpose === 'bup' ? 'BUP Hallingdal' : 'PPT Hallingdal'],
      givenBy: { name: 'Anne Nordmann', relation: 'guardian' },
      givenAt,
    },
  };
}

export function withdrawn(consentId: string, at: string): ConsentWithdrawn {
  return { type: 'ConsentWithdrawn', schemaVersion: 1, data: { caseId: 'c1', consentId, at } };
}
