/**
 * In-memory implementations of the four ports the app needs (the real ones read the
 * read models and the event store), in one @Global module for createApp's `extraModules`.
 */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ACCESS_LOGGER } from '#access/access-log.port.js';
import { RESOURCE_DIRECTORY } from '#access/resource-directory.port.js';
import { InMemoryAccessLogger } from '#access/testing/in-memory-access-logger.js';
import { InMemoryResourceDirectory } from '#access/testing/in-memory-resource-directory.js';
import { READ_POSITION_WAITER, type ReadPositionWaiter } from '#api/common/read-position-waiter.port.js';
import { READINESS, type Readiness } from '#api/ops/readiness.port.js';

/** A projector stand-in whose processed position the test moves forward. */
export class SettablePositionWaiter implements ReadPositionWaiter {
  private processed = 0;
  private readonly waiting = new Set<() => void>();

  advanceTo(position: number): void {
    this.processed = Math.max(this.processed, position);
    for (const wake of this.waiting) wake();
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.processed >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        if (this.processed < position) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve(reached);
      };
      this.waiting.add(wake);
    });
  }
}

export class SettableReadiness implements Readiness {
  ready = true;
  async isReady(): Promise<boolean> {
    return this.ready;
  }
  async details(): Promise<Record<string, unknown>> {
    return { projectionLag: { 'absence-list': 0 } };
  }
}

/** A school S1 (with a student in group 5A and a PPT-consented case), S2, and S9 elsewhere. */
export function seededDirectory(): InMemoryResourceDirectory {
  return new InMemoryResourceDirectory()
    .addSchool({ schoolId: 'S1', municipalityId: '3024' })
    .addSchool({ schoolId: 'S2', municipalityId: '3024' })
    .addSchool({ schoolId: 'S9', municipalityId: '4611' })
    .addStudent({ studentId: 'st-5a', schoolId: 'S1', municipalityId: '3024', group: '5A', grade: 5 })
    .addStudent({ studentId: 'st-6b', schoolId: 'S1', municipalityId: '3024', group: '6B', grade: 6 })
    .addStudent({ studentId: 'st-s2', schoolId: 'S2', municipalityId: '3024', group: '5A', grade: 5 })
    .addCase({
      caseId: 'case-5a',
      studentId: 'st-5a',
      schoolId: 'S1',
      municipalityId: '3024',
      group: '5A',
      pptAccess: { referredOrConsulted: true, consentValid: true },
    })
    .addCase({
      caseId: 'case-6b',
      studentId: 'st-6b',
      schoolId: 'S1',
      municipalityId: '3024',
      group: '6B',
      pptAccess: { referredOrConsulted: false, consentValid: false },
    });
}

export interface TestPorts {
  module: DynamicModule;
  directory: InMemoryResourceDirectory;
  accessLog: InMemoryAccessLogger;
  waiter: SettablePositionWaiter;
  readiness: SettableReadiness;
}

@Global()
@Module({})
class TestPortsModule {}

export function testPorts(): TestPorts {
  const directory = seededDirectory();
  const accessLog = new InMemoryAccessLogger();
  const waiter = new SettablePositionWaiter();
  const readiness = new SettableReadiness();
  const module: DynamicModule = {
    module: TestPortsModule,
    global: true,
    providers: [
      { provide: RESOURCE_DIRECTORY, useValue: directory },
      { provide: ACCESS_LOGGER, useValue: accessLog },
      { provide: READ_POSITION_WAITER, useValue: waiter },
      { provide: READINESS, useValue: readiness },
    ],
    exports: [RESOURCE_DIRECTORY, ACCESS_LOGGER, READ_POSITION_WAITER, READINESS],
  };
  return { module, directory, accessLog, waiter, readiness };
}
