/**
 * Refuses to start when a route declares neither @Requires nor @Public, or when its
 * @Requires names no reference for the resource kind its permission is decided on. A
 * forgotten declaration would otherwise surface only as a 403 in production (or, worse,
 * as an open route if the guard were ever relaxed).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_TABLE } from '#access/access-table.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRES, type Requirement } from './requires.decorator.js';

@Injectable()
export class RouteDeclarationsCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const problems = this.findProblems();
    if (problems.length > 0) {
      throw new Error(`Routes without a valid access declaration:\n  ${problems.join('\n  ')}`);
    }
  }

  findProblems(): string[] {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodName] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const route = `${controller.name}.${methodName}`;
        const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]);
        const requirement = this.reflector.get<Requirement | undefined>(REQUIRES, handler);
        if (!isPublic && !requirement) {
          problems.push(`${route}: declares neither @Requires nor @Public`);
          continue;
        }
        if (requirement) {
          const rule = ACCESS_TABLE[requirement.permission];
          if (!rule) {
            problems.push(`${route}: unknown permission ${String(requirement.permission)}`);
          } else if (rule.resource !== 'none' && requirement.refs[rule.resource] === undefined) {
            problems.push(`${route}: ${requirement.permission} is decided on a ${rule.resource}; name where its id is`);
          }
        }
      }
    }
    return problems;
  }
}
