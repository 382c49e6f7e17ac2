/**
 * The floor under the HTTP figures: a bare NestJS application on Express, with the service's route
 * for registering an absence, which parses the JSON body and answers 201 at once. No authentication,
 * validation, logging, helmet, metrics or store. What autocannon measures against it on the same
 * machine is the most this framework serves here, as raw better-sqlite3 is the most an append can do.
 * With FLOOR_JSON_FILE it also answers `GET /schools/:schoolId/absence-list` with that file's JSON,
 * parsed once and kept in memory: the floor under the absence list (the same stack serialising the
 * same answer, with no store, access check or log).
 * Started by http.bench.ts on PORT, bound to 127.0.0.1.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const listJson: unknown = process.env.FLOOR_JSON_FILE ? JSON.parse(readFileSync(process.env.FLOOR_JSON_FILE, 'utf8')) : null;

@Controller()
class FloorController {
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('schools/:schoolId/absence-list')
  list(): unknown {
    return listJson;
  }

  @Post('students/:studentId/absences')
  @HttpCode(201)
  register(@Param('studentId') studentId: string, @Body() body: { date?: unknown }): { studentId: string; date: unknown } {
    return { studentId, date: body.date };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

const app = await NestFactory.create(FloorModule, { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.stderr.write(`listening ${process.env.PORT}\n`);
