/**
 * Marks a route (or controller) as open to callers without a token: only `/health`,
 * `/health/details` and `/metrics` in this service (`/docs` and `/docs-json` are served
 * outside Nest's router). Every other route must declare `@Requires(...)`; the start-up
 * check (route-declarations.check.ts) refuses to start otherwise.
 */
import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'access:public';

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
