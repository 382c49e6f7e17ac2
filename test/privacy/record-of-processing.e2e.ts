/**
 * The record of processing (docs/behandlingsprotokoll.md) is what the code says: regenerate it
 * with `npm run cli -- record-of-processing --out docs/behandlingsprotokoll.md` when this fails.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordOfProcessing } from '#cli/privacy/record-of-processing.js';
import { EVENT_TYPES } from '#domain/events/catalogue.js';
import { PERMISSIONS } from '#access/access-table.js';
import { DEFAULT_RETENTION_RULES } from '#domain/privacy/retention.js';

describe('the record of processing', () => {
  const text = recordOfProcessing();

  it('names every event type, every permission and every retention rule of the code', () => {
    for (const type of EVENT_TYPES) expect(text).toContain(`\`${type}\``);
    for (const permission of PERMISSIONS) expect(text).toContain(`\`${permission}\``);
    for (const rule of DEFAULT_RETENTION_RULES) expect(text).toContain(`\`${rule.id}\``);
    expect(text).toContain('`participants[].name`');
    expect(text).toContain('keys.sqlite');
  });

  it('is the page committed in docs/', () => {
    expect(readFileSync(join(process.cwd(), 'docs/behandlingsprotokoll.md'), 'utf8')).toBe(text);
  });
});
