import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Ids in paths and bodies: letters, digits, `-`, `_`, `.`; no separators an id could smuggle.
 * Not the name of an Object.prototype member (`constructor`, `toString`, …): ids key plain
 * objects in states and read models, where such a name would find the prototype's member.
 */
export const ID_PATTERN =
  /^(?!(?:constructor|toString|toLocaleString|valueOf|hasOwnProperty|isPrototypeOf|propertyIsEnumerable)$)[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused, not rolled over). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * An ISO 8601 instant with a time zone (`2026-11-23T09:15:00Z`, `…+01:00`) on a real
 * calendar date: `Date.parse` rolls 2026-02-30 over to March, so the date is checked too.
 */
export function isIsoInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    isIsoDate(value.slice(0, 10))
  );
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD`, ...options },
      validator: { validate: isIsoDate },
    });
}

/** A date `YYYY-MM-DD` or an instant: api.md's `at`/`heldAt`/`givenAt` may be either. */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOrInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD or an ISO 8601 instant`, ...options },
      validator: { validate: (v: unknown) => isIsoDate(v) || isIsoInstant(v) },
    });
}

export const IsId = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(ID_PATTERN, { message: 'must be an id of letters, digits, - _ .' }));
