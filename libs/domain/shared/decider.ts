/**
 * The shape every stream's decider has (after emmett's Decider): `decide` turns a command
 * and the current state into new events or throws a `DomainError`; `evolve` folds one
 * event into the state and never throws for an event `decide` could have produced;
 * `initialState` is the state of an empty stream. Context carries what the decider may not
 * look up itself (today's date, the school calendar) so `decide` stays pure.
 */
export interface Decider<Command, Event, State, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
  /** Folds several events at once, to the state `evolve` one by one gives; where copying per event is dear. */
  evolveAll?(state: State, events: readonly Event[]): State;
}

/** A command: imperative type name and its data. */
export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Folds events from the initial state, as a handler does after `readStream`. */
export function fold<Event, State>(
  decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState' | 'evolveAll'>,
  events: readonly Event[],
): State {
  const initial = decider.initialState();
  return decider.evolveAll ? decider.evolveAll(initial, events) : events.reduce((state, event) => decider.evolve(state, event), initial);
}
