/**
 * Lists as files (api.md, Files to take away): which form the caller asked for (`?format=`
 * wins over `Accept`), and the answer as a download named for what it holds.
 */
import { createHash } from 'node:crypto';
import { StreamableFile } from '@nestjs/common';
import { badRequest, httpError } from '../common/error-body.js';
import type { HttpResponse } from '../common/http-types.js';
import { oneOfParam } from './query-params.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A list's answer in its three forms (OpenAPI). */
export const FILE_CONTENT = {
  'application/json': { schema: { type: 'object' } },
  'text/csv': { schema: { type: 'string', description: "For Norwegian Excel: BOM, ';', decimal comma" } },
  [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
};

/** `?format=` wins over `Accept`; a file kind not offered is 406, an unknown one 400 naming `format`. */
export function formatOf(format: unknown, accept: string | undefined): 'json' | 'csv' | 'xlsx' {
  if (format === undefined || format === '') {
    if ((accept ?? '').split(',').some((t) => t.split(';')[0]!.trim().toLowerCase() === XLSX_TYPE)) return 'xlsx';
    return prefersCsv(accept) ? 'csv' : 'json';
  }
  if (format === 'json' || format === 'csv' || format === 'xlsx') return format;
  if (format === 'pdf') throw httpError(406, 'format pdf is not offered for this list; json, csv and xlsx are');
  throw badRequest('Invalid format', [{ field: 'format', messages: ['format must be json, csv or xlsx'] }]);
}

/** CSV only when asked for ahead of JSON (a browser asking for anything gets JSON). */
function prefersCsv(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}

/** The file's headers and words: bokmål (default) or nynorsk. */
export function langOf(value: unknown): 'nb' | 'nn' {
  return oneOfParam(value, 'lang', ['nb', 'nn'] as const) ?? 'nb';
}

/** The JSON text of shared answers and its ETag, made once per answer object (they go with the answers). */
const jsonTexts = new WeakMap<object, { text: string; etag: string }>();

/**
 * A list as JSON. A shared (frozen) answer, such as an absence list no registration has changed
 * since, is sent as the text made the first time, with its ETag (so Express neither hashes the
 * text again nor sends it to a client that has it: 304): serialising 600 rows was a fifth of a request.
 */
export function jsonAnswer<T>(res: HttpResponse, rows: readonly T[]): readonly T[] | string {
  if (!Object.isFrozen(rows)) return rows;
  let made = jsonTexts.get(rows);
  if (made === undefined) {
    const text = JSON.stringify(rows);
    made = { text, etag: `W/"${createHash('sha1').update(text).digest('base64url')}"` };
    jsonTexts.set(rows, made);
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', made.etag);
  return made.text;
}

/** The list as a download: `<name>.csv` or `<name>.xlsx`. */
export async function fileAnswer(
  res: HttpResponse,
  format: 'csv' | 'xlsx',
  name: string,
  make: { csv: () => string; xlsx: () => Promise<Buffer> },
): Promise<string | StreamableFile> {
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return make.csv();
  }
  res.setHeader('Content-Type', XLSX_TYPE);
  return new StreamableFile(await make.xlsx());
}
