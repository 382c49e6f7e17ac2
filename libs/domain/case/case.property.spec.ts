/**
 * Properties over random command sequences on one case: whatever staff send, in any order,
 * decide either refuses with a DomainError or produces events that evolve accepts, and the
 * folded state keeps its invariants.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.js';
import { businessDate } from '../shared/dates.js';
import type { CaseEvent } from '../events/index.js';
import type { CaseCommand, CaseContext } from './case.commands.js';
import { caseDecider } from './case.decider.js';
import type { CaseState } from './case.state.js';
import { caseView } from './case.view.js';

const today = '2026-11-23';
// Small pools so that collisions (reused ids, unknown ids, same dates) happen often.
const date = fc.constantFrom('2026-11-02', '2026-11-10', '2026-11-15', '2026-11-20', today, '2026-11-24');
const id = fc.constantFrom('a', 'b', 'c');
const text = fc.oneof({ arbitrary: fc.constantFrom('x', 'tekst'), weight: 6 }, { arbitrary: fc.constant(''), weight: 1 });
const person = fc.record({
  name: fc.oneof({ arbitrary: fc.constant('Ola'), weight: 6 }, { arbitrary: fc.constant(''), weight: 1 }),
  role: fc.constantFrom('contact-teacher'),
});
const caseId = 'c1';

const w = <T>(arbitrary: fc.Arbitrary<T>, weight = 4) => ({ arbitrary, weight });
const command: fc.Arbitrary<CaseCommand> = fc.oneof(
  w(
    fc.record({
      type: fc.constant('OpenCase' as const),
      data: fc.record({ caseId: fc.constant(caseId), studentId: fc.constant('s1'), schoolId: fc.constant('sk'), openedOn: date }),
    }),
    1,
  ),
  w(
    fc.record({
      type: fc.constant('RecordContact' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        contactId: id,
        with: fc.constantFrom('guardian', 'student'),
        channel: fc.constantFrom('phone', 'meeting', 'message', 'home-visit'),
        at: date,
        summary: text,
      }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('HoldMeeting' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        meetingId: id,
        type: fc.constantFrom('presence-meeting', 'resource-team'),
        heldAt: date,
        participants: fc.array(person, { maxLength: 2 }),
        minutes: text,
      }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('RecordMapping' as const),
      data: fc.record({ caseId: fc.constant(caseId), mappingId: id, domains: fc.constant({ family: 'x' }), summary: text }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('AgreeMeasure' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        measureId: id,
        description: text,
        responsible: person,
        startsOn: date,
        evaluateBy: date,
      }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('EvaluateMeasure' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        measureId: id,
        evaluationId: id,
        outcome: fc.constantFrom('resolved', 'progressing', 'try-other-measures', 'external-help-needed'),
        note: text,
        on: fc.option(date, { nil: undefined }),
      }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('GiveConsent' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        consentId: id,
        purpose: fc.constantFrom('ppt', 'bup', 'stafettlogg'),
        recipients: fc.constant(['PPT']),
        givenBy: fc.constant({ name: 'Anne', relation: 'guardian' as const }),
        givenAt: date,
      }),
    }),
  ),
  w(
    fc.record({ type: fc.constant('WithdrawConsent' as const), data: fc.record({ caseId: fc.constant(caseId), consentId: id, at: date }) }),
  ),
  w(
    fc.record({
      type: fc.constant('MakeReferral' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        referralId: id,
        to: fc.constantFrom('ppt', 'bup', 'barnevern'),
        kind: fc.constantFrom('consultation', 'referral'),
        at: date,
        note: text,
      }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('ChangePhase' as const),
      data: fc.record({ caseId: fc.constant(caseId), phase: fc.integer({ min: 0, max: 5 }), reason: text }),
    }),
  ),
  w(
    fc.record({
      type: fc.constant('AgreeReturnPlan' as const),
      data: fc.record({
        caseId: fc.constant(caseId),
        goals: fc.array(fc.constant('mål'), { maxLength: 2 }),
        presenceGuide: person,
        startsOn: date,
      }),
    }),
  ),
  w(fc.record({ type: fc.constant('CloseCase' as const), data: fc.record({ caseId: fc.constant(caseId), outcome: text, note: text }) }), 1),
  w(fc.record({ type: fc.constant('ReopenCase' as const), data: fc.record({ caseId: fc.constant(caseId), reason: text }) }), 1),
) as fc.Arbitrary<CaseCommand>;

const context: CaseContext = { today };
const openCase: CaseCommand = { type: 'OpenCase', data: { caseId, studentId: 's1', schoolId: 'sk', openedOn: '2026-11-02' } };

function play(commands: readonly CaseCommand[]): { events: CaseEvent[]; state: CaseState } {
  const events: CaseEvent[] = [];
  let state = caseDecider.initialState();
  for (const c of commands) {
    let produced: CaseEvent[] = [];
    try {
      produced = caseDecider.decide(c, state, context);
    } catch (error) {
      // The only acceptable failure is a refusal the edge can turn into 404/422.
      if (!(error instanceof DomainError)) throw error;
    }
    for (const e of produced) {
      events.push(e);
      state = caseDecider.evolve(state, e);
    }
  }
  return { events, state };
}

describe('case decider properties', () => {
  it('decide only refuses with DomainError; evolve never throws; revision counts events', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const { events, state } = play(commands);
        expect(state.revision).toBe(events.length - 1);
        // Folding the stored history from scratch gives the same state (what a handler does).
        expect(events.reduce(caseDecider.evolve, caseDecider.initialState())).toEqual(state);
        // Events survive a JSON round trip unchanged (no undefined keys, no Dates).
        expect(JSON.parse(JSON.stringify(events))).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('the history keeps the rules: one opening, closed state after CaseClosed, referrals backed by consent, phases in range', () => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 10, maxLength: 60 }).map((cs) => [openCase, ...cs]),
        (commands) => {
          const { events, state } = play(commands);
          expect(events.filter((e) => e.type === 'CaseOpened').length).toBeLessThanOrEqual(1);
          expect(events[0]?.type).toBe('CaseOpened');
          const lastLifecycle = [...events].reverse().find((e) => e.type === 'CaseClosed' || e.type === 'CaseReopened');
          if (state.status !== 'none') expect(state.status).toBe(lastLifecycle?.type === 'CaseClosed' ? 'closed' : 'open');
          // Nothing is recorded while the case is closed.
          let closedNow = false;
          for (const e of events) {
            if (closedNow) expect(e.type).toBe('CaseReopened');
            if (e.type === 'CaseClosed') closedNow = true;
            if (e.type === 'CaseReopened') closedNow = false;
          }
          for (const [i, e] of events.entries()) {
            if (e.type !== 'ReferralMade' || (e.data.to !== 'ppt' && e.data.to !== 'bup')) continue;
            const given = events.find((g) => g.type === 'ConsentGiven' && g.data.consentId === e.data.consentId);
            expect(
              given?.type === 'ConsentGiven' &&
                given.data.purpose === e.data.to &&
                businessDate(given.data.givenAt) <= businessDate(e.data.at),
            ).toBe(true);
            // A consent withdrawn before the referral (recorded earlier, dated on or before its day) backs nothing (consent-rules.ts).
            const withdrawnBefore = events
              .slice(0, i)
              .some(
                (w) =>
                  w.type === 'ConsentWithdrawn' &&
                  w.data.consentId === e.data.consentId &&
                  businessDate(w.data.at) <= businessDate(e.data.at),
              );
            expect(withdrawnBefore).toBe(false);
          }
          if (state.status !== 'none') {
            expect(state.phase).toBeGreaterThanOrEqual(1);
            expect(state.phase).toBeLessThanOrEqual(4);
            const view = caseView(state);
            expect(view.measures.flatMap((m) => m.evaluations)).toHaveLength(events.filter((e) => e.type === 'MeasureEvaluated').length);
            expect(view.consents.filter((c) => c.withdrawal).length).toBe(events.filter((e) => e.type === 'ConsentWithdrawn').length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
