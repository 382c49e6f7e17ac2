/**
 * Case phases are numbers 1..N, N given by the school's plan (default 4). Numbers, not
 * names, because the plans count their phases and name them differently:
 *
 * - vindafjord-etne (001, seed lines 46, 93, 191: TILTAKSFASE 1–3): three tiltaksfasar. 1 consent to Stafettlogg, shared-
 *   understanding meeting, mapping, goals and measures, evaluation; 2 resource team with
 *   guardians, possible PPT referral; 3 meeting with the services involved, a relay holder.
 *   The steps before phase 1 (contact home, conversations) happen in phase 1's case.
 * - baerum (004, seed lines 17–24: Fase 1–4): four phases. 1 prevention (no case yet), 2 identification and contact,
 *   3 mapping, measures and evaluation (samarbeidsavtale), 4 further measures. A Bærum case
 *   is opened in phase 2, or 3 when concern is confirmed (OpenCase takes `phase`).
 * - the other plans name no phases; their cases stay in phase 1 unless staff escalate.
 *
 * The application passes the plan's count as `CaseContext.maxPhase` (3 for vindafjord-etne).
 * Moving down is allowed: de-escalation after a resolved evaluation is a real step.
 */
import { DomainError } from '../shared/domain-error.js';

export const DEFAULT_MAX_PHASE = 4;
export const FIRST_PHASE = 1;

/** Phase names per plan for display; the number is what is stored. */
export const PHASE_NAMES: Readonly<Record<string, readonly string[]>> = {
  'vindafjord-etne': ['Tiltaksfase 1', 'Tiltaksfase 2', 'Tiltaksfase 3'],
  baerum: [
    'Fase 1: forebygging',
    'Fase 2: identifisering og kontakt',
    'Fase 3: kartlegging, tiltak og evaluering',
    'Fase 4: videre tiltak',
  ],
};

export function requireValidPhase(phase: unknown, maxPhase: number = DEFAULT_MAX_PHASE, field = 'phase'): number {
  if (typeof phase !== 'number' || !Number.isInteger(phase) || phase < FIRST_PHASE || phase > maxPhase) {
    throw new DomainError('invalid-phase', `phase must be a whole number ${FIRST_PHASE}..${maxPhase}, got ${JSON.stringify(phase)}`, field);
  }
  return phase;
}
