/**
 * What `X-Min-Position` waits on: the read models' progress through the global log. The
 * lead's projector implements it (resolve true as soon as every projection has processed
 * `position`, false once `timeoutMs` has passed).
 */
export interface ReadPositionWaiter {
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/** Dependency-injection token for the configured waiter. */
export const READ_POSITION_WAITER = Symbol('READ_POSITION_WAITER');
