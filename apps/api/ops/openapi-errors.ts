/**
 * The refusals every route can give because of what stands in front of all of them (the
 * validation pipe, the authentication, rate-limit and access guards, the domain's error
 * mapping: api.md, Errors), added to each operation of the OpenAPI document with the error
 * body's schema, where the route's own decorators did not document them already.
 */
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC } from '../auth/public.decorator.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'all'];

/** "get /health" for each route declared @Public, in the document's path syntax. */
function publicOperations(app: INestApplication): Set<string> {
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const out = new Set<string>();
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name]!;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
      if (method === undefined || !reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller])) continue;
      const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/')}`
        .replace(/\/+/g, '/')
        .replace(/:(\w+)/g, '{$1}');
      out.add(`${METHODS[method]} ${path === '/' ? '/' : path.replace(/\/$/, '')}`);
    }
  }
  return out;
}

export function documentCommonRefusals(app: INestApplication, document: OpenAPIObject): void {
  const open = publicOperations(app);
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      error: { type: 'string', example: 'Bad Request' },
      message: { type: 'string' },
      details: { description: '400: [{ field, messages }]; 404/422: { code }; 409: { code, expected, actual }; 500: { errorId }' },
    },
  };
  const body = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, { responses?: Record<string, unknown>; parameters?: unknown[]; requestBody?: unknown }>)[
        method
      ];
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      // A refusal a route documented by description alone gets the error body's schema too.
      const add = (status: string, description: string) => {
        const own = responses[status] as { description?: string; content?: unknown } | undefined;
        if (!own) responses[status] = body(description);
        else if (!own.content) responses[status] = { ...body(own.description ?? description) };
      };
      const isPublic = open.has(`${method} ${path}`);
      if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody)
        add('400', 'A parameter, header or field is invalid; details name each one.');
      if (!isPublic) {
        add('401', 'No token, or one that is not valid.');
        add('403', "Outside the caller's rights; nothing is recorded.");
      }
      if (path.includes('{')) add('404', 'No such resource, or none the caller may know of.');
      if (method === 'post') add('422', 'A rule of the domain refuses it; details.code says which.');
      if (method === 'post' && path.startsWith('/cases/{caseId}/')) add('409', 'If-Match names a revision the case has moved past.');
      if (path !== '/health') add('429', 'Too many requests; Retry-After says when to try again.');
    }
  }
}
