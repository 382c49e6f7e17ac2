import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { badRequest } from './error-body.js';
import { ID_PATTERN } from './dto-rules.js';

/** Path ids: the same alphabet as body ids, so a malformed id is a 400 naming it, not a 404 or a 500. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
    const field = metadata.data ?? 'id';
    throw badRequest(`Invalid ${field}`, [{ field, messages: [`${field} must be an id of letters, digits, - _ .`] }]);
  }
}
