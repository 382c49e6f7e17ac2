/** Measures (tiltak) and their evaluations. */
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { requireDate } from '../shared/dates.js';
import { requireOneOf, requireText } from '../shared/require.js';
import { EVALUATION_OUTCOMES, type MeasureAgreed, type MeasureEvaluated } from '../events/index.js';
import type { AgreeMeasure, CaseContext, EvaluateMeasure } from './case.commands.js';
import type { OpenedCase } from './case.state.js';
import { onOrToday } from './case-lifecycle.decide.js';
import { optionalText, requireNewId, requirePerson } from './case-input.js';

/**
 * bergen-smoras (003, seed line 92): measures are written down "med tidspunkt for
 * gjennomføringen, hvem som har ansvaret … og når de" evaluated: who, when, evaluated when.
 */
export function agreeMeasure(command: AgreeMeasure, state: OpenedCase, _context: CaseContext): MeasureAgreed[] {
  const d = command.data;
  const startsOn = requireDate(d.startsOn, 'startsOn');
  const evaluateBy = requireDate(d.evaluateBy, 'evaluateBy');
  if (evaluateBy < startsOn)
    throw new DomainError('invalid-evaluate-by', `evaluateBy ${evaluateBy} lies before startsOn ${startsOn}`, 'evaluateBy');
  return [
    {
      type: 'MeasureAgreed',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        measureId: requireNewId(
          d.measureId,
          state.measures.map((m) => m.measureId),
          'measureId',
          'measure-already-exists',
        ),
        description: requireText(d.description, 'description'),
        responsible: requirePerson(d.responsible, 'responsible'),
        startsOn,
        evaluateBy,
      },
    },
  ];
}

export function evaluateMeasure(command: EvaluateMeasure, state: OpenedCase, context: CaseContext): MeasureEvaluated[] {
  const d = command.data;
  const measure = state.measures.find((m) => m.measureId === d.measureId);
  if (!measure) throw new NotFoundError('measure-not-found', `case ${state.caseId} has no measure ${d.measureId}`, 'measureId');
  const on = onOrToday(d.on, context);
  if (on < measure.startsOn)
    throw new DomainError(
      'evaluation-before-measure-start',
      `measure ${measure.measureId} starts ${measure.startsOn}; it cannot be evaluated on ${on}`,
      'on',
    );
  const evaluationIds = state.measures.flatMap((m) => m.evaluations.map((e) => e.evaluationId));
  return [
    {
      type: 'MeasureEvaluated',
      schemaVersion: 1,
      data: {
        caseId: state.caseId,
        measureId: measure.measureId,
        evaluationId: requireNewId(d.evaluationId, evaluationIds, 'evaluationId'),
        outcome: requireOneOf(d.outcome, EVALUATION_OUTCOMES, 'outcome'),
        note: requireText(d.note, 'note'),
        ...optionalText('studentView', d.studentView),
        on,
      },
    },
  ];
}
