import { describe, it } from '@jest/globals';
import { NotFoundError } from '../shared/domain-error.js';
import type { MeasureEvaluated } from '../events/index.js';
import type { AgreeMeasure, EvaluateMeasure } from './case.commands.js';
import { measure, opened, spec, today } from './case.fixtures.js';

const agree = (data: Partial<AgreeMeasure['data']> = {}): AgreeMeasure => ({ type: 'AgreeMeasure', data: { ...measure.data, ...data } });
const evaluate = (data: Partial<EvaluateMeasure['data']> = {}): EvaluateMeasure => ({
  type: 'EvaluateMeasure',
  data: {
    caseId: 'c1',
    measureId: 'm1',
    evaluationId: 'e1',
    outcome: 'progressing',
    note: 'Bedre oppmøte',
    studentView: 'Det hjelper',
    ...data,
  },
});
const evaluated: MeasureEvaluated = {
  type: 'MeasureEvaluated',
  schemaVersion: 1,
  data: {
    caseId: 'c1',
    measureId: 'm1',
    evaluationId: 'e1',
    outcome: 'progressing',
    note: 'Bedre oppmøte',
    studentView: 'Det hjelper',
    on: today,
  },
};

describe('AgreeMeasure', () => {
  it('agrees a measure with who, when and evaluated when (bergen-smoras 003)', () => {
    spec.given([opened]).when(agree()).then([measure]);
  });
  it('refuses evaluateBy before startsOn, a reused measureId, a responsible without role', () => {
    spec
      .given([opened])
      .when(agree({ evaluateBy: '2026-11-01' }))
      .thenThrowsCode('invalid-evaluate-by');
    spec.given([opened, measure]).when(agree()).thenThrowsCode('measure-already-exists');
    spec
      .given([opened])
      .when(agree({ responsible: { name: 'Ola', role: '' } }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened])
      .when(agree({ description: '' }))
      .thenThrowsCode('invalid-field');
  });
});

describe('EvaluateMeasure', () => {
  it('evaluates an existing measure with one of the four outcomes', () => {
    spec.given([opened, measure]).when(evaluate()).then([evaluated]);
    spec
      .given([opened, measure, evaluated])
      .when(evaluate({ evaluationId: 'e2', outcome: 'external-help-needed', studentView: undefined, on: '2026-11-20' }))
      .then([
        {
          type: 'MeasureEvaluated',
          schemaVersion: 1,
          data: {
            caseId: 'c1',
            measureId: 'm1',
            evaluationId: 'e2',
            outcome: 'external-help-needed',
            note: 'Bedre oppmøte',
            on: '2026-11-20',
          },
        },
      ]);
  });
  it('only a measure that exists can be evaluated (404)', () => {
    spec
      .given([opened])
      .when(evaluate())
      .thenThrows(NotFoundError, (e) => e.code === 'measure-not-found');
  });
  it('refuses an unknown outcome, a date before the measure starts or in the future, a reused evaluationId', () => {
    spec
      .given([opened, measure])
      .when(evaluate({ outcome: 'meh' as never }))
      .thenThrowsCode('invalid-field');
    spec
      .given([opened, measure])
      .when(evaluate({ on: '2026-11-01' }))
      .thenThrowsCode('evaluation-before-measure-start');
    spec
      .given([opened, measure])
      .when(evaluate({ on: '2026-11-30' }))
      .thenThrowsCode('date-in-future');
    spec.given([opened, measure, evaluated]).when(evaluate()).thenThrowsCode('duplicate-id');
  });
});
