import { describe, it } from '@jest/globals';
import type { AbsenceDocumentationReceived, AbsenceRetracted } from '../events/index.js';
import type { ReceiveDocumentation, RetractAbsence } from './student.commands.js';
import { enrolled, registered, spec, today } from './student.fixtures.js';

const retract: RetractAbsence = { type: 'RetractAbsence', data: { studentId: 's1', absenceId: 'a1', reason: 'registrert på feil elev' } };
const retracted: AbsenceRetracted = {
  type: 'AbsenceRetracted',
  schemaVersion: 1,
  data: { studentId: 's1', absenceId: 'a1', reason: 'registrert på feil elev', on: today },
};
const receive: ReceiveDocumentation = { type: 'ReceiveDocumentation', data: { studentId: 's1', absenceId: 'a1', note: 'legeerklæring' } };
const received: AbsenceDocumentationReceived = {
  type: 'AbsenceDocumentationReceived',
  schemaVersion: 1,
  data: { studentId: 's1', absenceId: 'a1', on: today, note: 'legeerklæring' },
};

describe('RetractAbsence', () => {
  it('retracts a registration', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(retract)
      .then([retracted]);
  });
  it('refuses an unknown registration, a second retraction, an empty reason and an unknown student', () => {
    spec.given([enrolled]).when(retract).thenThrowsCode('absence-not-found');
    spec
      .given([enrolled, registered('a1'), retracted])
      .when(retract)
      .thenThrowsCode('absence-retracted');
    spec
      .given([enrolled, registered('a1')])
      .when({ ...retract, data: { ...retract.data, reason: '' } })
      .thenThrowsCode('invalid-field');
    spec.given([]).when(retract).thenThrowsCode('student-not-found');
  });
});

describe('ReceiveDocumentation', () => {
  it('marks an undocumented absence as documented', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(receive)
      .then([received]);
  });
  it('omits an absent note', () => {
    const { note: _n, ...data } = received.data;
    spec
      .given([enrolled, registered('a1')])
      .when({ type: 'ReceiveDocumentation', data: { studentId: 's1', absenceId: 'a1' } })
      .then([{ ...received, data }]);
  });
  it('refuses an already documented, retracted or unknown absence', () => {
    spec
      .given([enrolled, registered('a1', { documented: true })])
      .when(receive)
      .thenThrowsCode('already-documented');
    spec
      .given([enrolled, registered('a1'), received])
      .when(receive)
      .thenThrowsCode('already-documented');
    spec
      .given([enrolled, registered('a1'), retracted])
      .when(receive)
      .thenThrowsCode('absence-retracted');
    spec.given([enrolled]).when(receive).thenThrowsCode('absence-not-found');
  });
});
