/**
 * The OpenAPI document at /docs-json describes every operation a client can call (issue 19):
 * a summary each, the success answer (200 for reads, 201 for writes), the refusals every route
 * can give (400, 401, 403, 404, 409, 422, 429 with the error body's schema), query parameters
 * required only where the server requires them, and the file variants of the lists.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createService } from '#api/service/create-service.js';
import { removeTempDataDirs, tempDataDir } from '../cli/support/data-dir.js';
import { TEST_SECRET } from './support/tokens.js';

type Operation = {
  summary?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
  parameters?: { in: string; name: string; required?: boolean }[];
};

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let operations: [string, Operation][];
  beforeAll(async () => {
    app = await createService({
      env: { AUTH_JWT_SECRET: TEST_SECRET, DATA_DIR: tempDataDir('openapi') },
      logger: false,
      shutdownHooks: false,
    });
    const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as [string, Operation]),
    );
  });
  afterAll(async () => {
    await app?.close();
    removeTempDataDirs();
  });

  it('gives every operation a summary', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter(([, op]) => !op.summary).map(([name]) => name)).toEqual([]);
  });

  it('declares the success answer: 200 for every read, 201 for every write (200 for the dev sign-in, which makes nothing)', () => {
    expect(operations.filter(([name, op]) => name.startsWith('GET') && !op.responses['200']).map(([name]) => name)).toEqual([]);
    const writes = operations.filter(([name]) => name.startsWith('POST'));
    expect(writes.filter(([name, op]) => !op.responses[name === 'POST /auth/dev/sign-in' ? '200' : '201']).map(([name]) => name)).toEqual(
      [],
    );
  });

  it('documents the refusals every route can give, with the error body', () => {
    const get = (name: string) => operations.find(([n]) => n === name)![1];
    const contact = get('POST /cases/{caseId}/contacts');
    for (const status of ['400', '401', '403', '404', '409', '422', '429'])
      expect(contact.responses[status]?.content).toHaveProperty(['application/json']);
    expect(get('GET /health').responses['401']).toBeUndefined();
    expect(get('GET /health').responses['429']).toBeUndefined();
    expect(get('GET /auth/config').responses['403']).toBeUndefined();
    expect(get('GET /me').responses['403']).toBeDefined();
  });

  it('marks a query parameter required only where the server requires it', () => {
    const required = operations.flatMap(([name, op]) =>
      (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${name} ${p.name}`),
    );
    expect(required).toEqual(['GET /tasks schoolId']);
  });

  it('names the file variants of the lists', () => {
    const list = operations.find(([n]) => n === 'GET /schools/{schoolId}/absence-list')![1];
    expect(Object.keys(list.responses['200']!.content ?? {})).toEqual(expect.arrayContaining(['application/json', 'text/csv']));
    const ppt = operations.find(([n]) => n === 'GET /municipalities/{municipalityId}/ppt-statistics')![1];
    expect(ppt.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['format', 'lang']));
  });
});
