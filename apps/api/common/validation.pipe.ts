/**
 * The global validation pipe: class-validator with whitelist + forbidNonWhitelisted (an
 * unknown field is an error, never silently dropped) and transform. Its 400 names every
 * bad field by path, nested ones included (`participants.0.role`).
 *
 * Before class-transformer sees a body, two shapes it mishandles are refused with that 400:
 * - keys that name a property of Object.prototype (`__proto__`, `constructor`, `toString`, …)
 *   or `prototype`: Nest strips the first three and class-transformer skips any key whose
 *   value on the instance is a function, so they were silently dropped (201) instead of refused;
 * - nesting deeper than MAX_BODY_DEPTH: class-transformer recurses once per level, and a
 *   body of a few thousand nested objects (well under the 256 kB limit) overflowed the stack (500).
 * And every string is checked and normalised: NUL, other control characters (tab, newline and
 * carriage return aside) and lone surrogates are refused with 400 naming the field, as they end
 * up in CSV files, XML and logs where they break or forge what a reader sees (security finding
 * 10); the rest is stored in Unicode NFC, so that "Nygård" typed two ways is one name.
 */
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { badRequest, type FieldError } from './error-body.js';

/** C0 controls but tab, newline and carriage return; DEL and C1 controls; a surrogate without its pair. */
export const FORBIDDEN_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No DTO nests more than 3 levels; JSON bodies deeper than this are refused before transformation. */
export const MAX_BODY_DEPTH = 16;
const MAX_REPORTED = 20;

class StrictBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const problems = hostileShape(value);
      if (problems.length > 0) throw badRequest('Invalid input', problems);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Prototype keys, excessive depth and forbidden characters anywhere in a parsed JSON body
 * (iterative: no recursion to overflow); strings are normalised to NFC in place.
 */
export function hostileShape(body: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({ field: path || '(body)', messages: [`${path || 'the body'} is nested more than ${MAX_BODY_DEPTH} levels deep`] });
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && (key === 'prototype' || Object.prototype.hasOwnProperty.call(Object.prototype, key))) {
        problems.push({ field, messages: [`property ${key} should not exist`] });
        continue;
      }
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'string') {
        if (FORBIDDEN_TEXT.test(item)) {
          problems.push({ field, messages: [`${field} must not hold control characters (other than tab and newline) or lone surrogates`] });
          continue;
        }
        const normal = item.normalize('NFC');
        if (normal !== item) (value as Record<string, unknown>)[key] = normal;
        continue;
      }
      stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return problems;
}

export function createValidationPipe(): ValidationPipe {
  return new StrictBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values are echoed into messages by default; a body may hold names or health notes.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest('Invalid input', flattenValidationErrors(errors)),
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const fields: FieldError[] = [];
  for (const error of errors) {
    const field = parent && error.property ? `${parent}.${error.property}` : parent || error.property || '(body)';
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) fields.push({ field, messages });
    if (error.children?.length) fields.push(...flattenValidationErrors(error.children, field));
  }
  return fields;
}
