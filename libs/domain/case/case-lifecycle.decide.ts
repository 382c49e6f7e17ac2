/** Opening, phases, closing and reopening a case. */
import { DomainError } from '../shared/domain-error.js';
import { dateOrToday, requireDate } from '../shared/dates.js';
import { requireString, requireText } from '../shared/require.js';
import type { CaseBlocked, CaseClosed, CaseDeposited, CaseOpened, CaseReopened, PhaseChanged } from '../events/index.js';
import type { BlockCase, CaseContext, ChangePhase, CloseCase, OpenCase, RecordDeposit, ReopenCase } from './case.commands.js';
import type { CaseState, OpenedCase } from './case.state.js';
import { FIRST_PHASE, requireValidPhase } from './phases.js';

/** The business date of a record made now: the command's `on`, else today; never later than today. */
export const onOrToday = (on: string | undefined, context: CaseContext, field = 'on'): string => dateOrToday(on, context.today, field);

export function openCase(command: OpenCase, state: CaseState, context: CaseContext): CaseOpened[] {
  if (state.status !== 'none') throw new DomainError('case-already-opened', `case ${state.caseId} is already opened`, 'caseId');
  const d = command.data;
  const reason = d.reason === undefined ? null : requireString(d.reason, 'reason');
  return [
    {
      type: 'CaseOpened',
      schemaVersion: 1,
      data: {
        caseId: requireText(d.caseId, 'caseId'),
        studentId: requireText(d.studentId, 'studentId'),
        schoolId: requireText(d.schoolId, 'schoolId'),
        reason,
        openedOn: onOrToday(d.openedOn, context, 'openedOn'),
        phase: requireValidPhase(d.phase ?? context.openingPhase ?? FIRST_PHASE, context.maxPhase),
      },
    },
  ];
}

export function changePhase(command: ChangePhase, state: OpenedCase, context: CaseContext): PhaseChanged[] {
  const phase = requireValidPhase(command.data.phase, context.maxPhase);
  if (phase === state.phase) throw new DomainError('phase-unchanged', `case ${state.caseId} is already in phase ${phase}`, 'phase');
  const reason = requireText(command.data.reason, 'reason');
  const on = onOrToday(command.data.on, context);
  return [{ type: 'PhaseChanged', schemaVersion: 1, data: { caseId: state.caseId, phase, previousPhase: state.phase, reason, on } }];
}

export function closeCase(command: CloseCase, state: OpenedCase, context: CaseContext): CaseClosed[] {
  const outcome = requireText(command.data.outcome, 'outcome');
  const note = requireString(command.data.note, 'note');
  const on = onOrToday(command.data.on, context);
  return [{ type: 'CaseClosed', schemaVersion: 1, data: { caseId: state.caseId, outcome, note, on } }];
}

export function reopenCase(command: ReopenCase, state: OpenedCase, context: CaseContext): CaseReopened[] {
  if (state.status !== 'closed')
    throw new DomainError('case-not-closed', `case ${state.caseId} is open; only a closed case can be reopened`);
  const reason = requireText(command.data.reason, 'reason');
  const on = onOrToday(command.data.on, context);
  return [{ type: 'CaseReopened', schemaVersion: 1, data: { caseId: state.caseId, reason, on } }];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * A deposit is recorded on an open or a closed case alike (cases are usually deposited once
 * closed), once per deposit: the same deposit again records nothing, so an export run twice
 * with the same deposit id leaves one entry.
 */
export function recordDeposit(command: RecordDeposit, state: OpenedCase, context: CaseContext): CaseDeposited[] {
  const depositId = requireText(command.data.depositId, 'depositId');
  if (state.deposits.some((d) => d.depositId === depositId)) return [];
  const { checksum, period } = command.data;
  if (checksum?.algorithm !== 'SHA-256' || !SHA256_HEX.test(checksum.value ?? '')) {
    throw new DomainError('invalid-field', 'checksum must be a lowercase SHA-256 in hex', 'checksum');
  }
  const of = requireText(checksum.of, 'checksum.of');
  const from = requireDate(period?.from, 'period.from');
  const to = requireDate(period?.to, 'period.to');
  const on = onOrToday(command.data.on, context);
  return [
    {
      type: 'CaseDeposited',
      schemaVersion: 1,
      data: { caseId: state.caseId, depositId, checksum: { algorithm: 'SHA-256', value: checksum.value, of }, period: { from, to }, on },
    },
  ];
}

/** Blocking (sperring) is recorded once; an open or closed case alike, deposited or not. */
export function blockCase(command: BlockCase, state: OpenedCase, context: CaseContext): CaseBlocked[] {
  const reason = requireText(command.data.reason, 'reason');
  const blockingId = requireText(command.data.blockingId, 'blockingId');
  if (state.blocked) throw new DomainError('already-blocked', `case ${state.caseId} was blocked on ${state.blocked.on}`, 'caseId');
  const on = onOrToday(command.data.on, context);
  return [{ type: 'CaseBlocked', schemaVersion: 1, data: { caseId: state.caseId, blockingId, reason, on } }];
}
