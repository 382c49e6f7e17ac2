/**
 * Given/when/then for deciders, after emmett's DeciderSpecification:
 *
 *   const spec = DeciderSpecification.for(caseDecider, context);
 *   spec.given([caseOpened]).when(closeCase).then([caseClosed]);
 *   spec.given([]).when(closeCase).thenThrows(NotFoundError, (e) => e.code === 'case-not-found');
 *
 * `given` folds the events with `evolve` from `initialState`; `when` runs `decide`; `then`
 * compares the produced events by value. It uses jest's `expect`, so use it only in specs.
 */
import { expect } from '@jest/globals';
import type { Decider } from '../shared/decider.js';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

export interface ThenStep<Event> {
  /** The events `decide` must produce, in order. */
  then(expected: readonly Event[]): void;
  /** `decide` must produce no events (an idempotent no-op). */
  thenNothingHappened(): void;
  /**
   * `decide` must throw: an instance of `errorClass` (that also satisfies `check`, if
   * given), or any error that satisfies the predicate passed instead of a class.
   */
  thenThrows<E extends Error = Error>(
    errorClassOrCheck: ErrorClass<E> | ((error: unknown) => boolean),
    check?: (error: E) => boolean,
  ): void;
  /** `decide` must throw an error with this `code` (any DomainError subclass). */
  thenThrowsCode(code: string): void;
}

export interface WhenStep<Command, Event, Context> {
  /** Runs `decide`; `context` overrides the specification's context for this case only. */
  when(command: Command, context?: Partial<Context>): ThenStep<Event>;
}

export interface DeciderSpec<Command, Event, Context> {
  given(events: readonly Event[]): WhenStep<Command, Event, Context>;
}

function run<Command, Event, State, Context>(
  decider: Decider<Command, Event, State, Context>,
  given: readonly Event[],
  command: Command,
  context: Context,
): { events: Event[] } | { error: unknown } {
  const state = given.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  try {
    return { events: decider.decide(command, state, context) };
  } catch (error) {
    return { error };
  }
}

export const DeciderSpecification = {
  for<Command, Event, State, Context>(
    decider: Decider<Command, Event, State, Context>,
    context: Context,
  ): DeciderSpec<Command, Event, Context> {
    return {
      given: (given) => ({
        when: (command, override) => {
          const ctx = { ...context, ...override } as Context;
          const outcome = () => run(decider, given, command, ctx);
          const mustSucceed = (): Event[] => {
            const result = outcome();
            if ('error' in result) {
              throw new Error(`expected events, but decide threw: ${String(result.error)}`, { cause: result.error });
            }
            return result.events;
          };
          const mustFail = (): unknown => {
            const result = outcome();
            if ('events' in result) throw new Error(`expected an error, but decide produced ${JSON.stringify(result.events)}`);
            return result.error;
          };
          return {
            then: (expected) => expect(mustSucceed()).toEqual(expected),
            thenNothingHappened: () => expect(mustSucceed()).toEqual([]),
            thenThrows: (classOrCheck: ErrorClass<Error> | ((e: unknown) => boolean), check?: (e: Error) => boolean) => {
              const error = mustFail();
              const isClass = (typeof classOrCheck === 'function' && classOrCheck.prototype instanceof Error) || classOrCheck === Error;
              if (isClass) {
                expect(error).toBeInstanceOf(classOrCheck as ErrorClass<Error>);
                if (check && !check(error as Error)) throw new Error(`error did not satisfy the check: ${String(error)}`);
              } else if (!(classOrCheck as (e: unknown) => boolean)(error)) {
                throw new Error(`error did not satisfy the check: ${String(error)}`);
              }
            },
            thenThrowsCode: (code) => {
              const error = mustFail() as { code?: unknown };
              expect({ code: error?.code, error: String(error) }).toEqual({ code, error: expect.any(String) });
            },
          } as ThenStep<Event>;
        },
      }),
    };
  },
};
