/**
 * The global validation pipe: class-validator with whitelist + forbidNonWhitelisted (an
 * unknown field is an error, never silently dropped) and transform. Its 400 names every
 * bad field by path, nested ones included (`participants.0.role`).
 */
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { badRequest, type FieldError } from './error-body.js';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
