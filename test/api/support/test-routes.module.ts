/**
 * Routes for the end-to-end tests of the cross-cutting layer, declared exactly as the
 * feature controllers will be (DTOs with class-validator, @Requires, WriteResult). The
 * write route counts its executions so idempotency can be checked from outside.
 */
import { Body, Controller, Get, HttpCode, Module, Param, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { WrongExpectedRevision } from '#event-store/event-store.port.js';
import { CurrentActor } from '#api/auth/current-principal.decorator.js';
import { Requires } from '#api/auth/requires.decorator.js';
import { ExpectedRevision } from '#api/common/expected-revision.decorator.js';
import { WriteResult } from '#api/common/write-result.js';

class ParticipantDto {
  @IsString() @MinLength(1) name!: string;
  @IsIn(['guardian', 'student', 'teacher', 'ppt']) role!: string;
}

export class EchoDto {
  @IsString() @MinLength(1) note!: string;
  @IsInt() @Min(1) @Max(10) grade!: number;
  @IsOptional() @IsBoolean() documented?: boolean;
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants!: ParticipantDto[];
}

class ListQueryDto {
  @IsDateString({ strict: true }) from!: string;
  @IsOptional() @IsDateString({ strict: true }) to?: string;
}

class OpenCaseDto {
  @IsString() studentId!: string;
}

/** Counts handler runs, and lets a test hold a write open. */
export class Executions {
  count = 0;
  position = 100;
  delayMs = 0;
}

export const executions = new Executions();

@Controller('test')
class TestWritesController {
  @Post('students/:studentId/echo')
  @Requires('absence:register', { student: 'studentId' })
  async echo(
    @Param('studentId') studentId: string,
    @Body() dto: EchoDto,
    @CurrentActor() actor: { id: string; role: string },
  ): Promise<WriteResult<{ studentId: string; execution: number; actor: unknown; note: string }>> {
    executions.count += 1;
    const execution = executions.count;
    if (executions.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, executions.delayMs));
    executions.position += 1;
    return new WriteResult({ studentId, execution, actor, note: dto.note }, executions.position);
  }

  @Post('cases')
  @Requires('case:open', { student: 'body:studentId' })
  open(@Body() dto: OpenCaseDto): WriteResult<{ caseId: string }> {
    return new WriteResult({ caseId: `case-of-${dto.studentId}` }, 7);
  }

  @Post('cases/:caseId/notes')
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  note(@ExpectedRevision() expected: number | undefined): WriteResult<{ expected: number | null }> {
    if (expected !== undefined && expected !== 3) throw new WrongExpectedRevision('case-x', expected, 3);
    return new WriteResult({ expected: expected ?? null }, 8);
  }
}

/** Errors shaped like the lower layers' (domain, store) and a plain crash. */
class ConsentRequiredDomainError extends Error {
  override readonly name = 'ConsentRequiredDomainError';
  readonly code = 'consent-required';
}

@Controller('test')
class TestReadsController {
  @Get('cases/:caseId')
  @Requires('case:read', { case: 'caseId' })
  readCase(@Param('caseId') caseId: string) {
    return { caseId };
  }

  @Get('students/:studentId/concern')
  @Requires('concern:read', { student: 'studentId' })
  concern(@Param('studentId') studentId: string) {
    return { studentId, level: 'green' };
  }

  @Get('students/:studentId/absences')
  @Requires('absence:read', { student: 'studentId' })
  absences(@Param('studentId') studentId: string) {
    return { studentId, absences: [] };
  }

  @Get('schools/:schoolId/list')
  @Requires('absence-list:read', { school: 'schoolId' })
  list(@Param('schoolId') schoolId: string, @Query() query: ListQueryDto) {
    return { schoolId, ...query };
  }

  @Get('tasks')
  @Requires('tasks:read', { school: 'query:schoolId' })
  tasks(@Query('schoolId') schoolId: string) {
    return { schoolId, tasks: [] };
  }

  @Get('ppt/cases')
  @Requires('ppt-cases:read')
  pptCases() {
    return [];
  }

  @Get('errors/:kind')
  @Requires('plans:read')
  fail(@Param('kind') kind: string) {
    switch (kind) {
      case 'domain':
        throw new ConsentRequiredDomainError('A referral to PPT needs a valid consent');
      case 'not-found':
        throw Object.assign(new Error('No such measure'), { code: 'measure-not-found', isDomainError: true });
      case 'revision':
        throw new WrongExpectedRevision('case-1', 2, 5);
      default:
        throw new Error('database exploded while saving notes about Ola Nordmann');
    }
  }
}

@Module({ controllers: [TestWritesController, TestReadsController] })
export class TestRoutesModule {}

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open() {
    return { leaked: true };
  }
}

/** A route that declares neither @Requires nor @Public: the app must refuse to start. */
@Module({ controllers: [UndeclaredController] })
export class UndeclaredRouteModule {}
