/**
 * What `/health` asks: can the server take commands (store open, projector running)?
 * The lead fills it in; `details` feeds `/health/details` (e.g. projection lag).
 */
export interface Readiness {
  isReady(): Promise<boolean>;
  details(): Promise<Record<string, unknown>>;
}

/** Dependency-injection token for the configured readiness check. */
export const READINESS = Symbol('READINESS');
