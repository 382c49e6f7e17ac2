/**
 * The floor under the HTTP figures: a bare NestJS application on Express, with the service's route
 * for registering an absence, which parses the JSON body and answers 201 at once. No authentication,
 * validation, logging, helmet, metrics or store. What autocannon measures against it on the same
 * machine is the most this framework serves here, as raw better-sqlite3 is the most an append can do.
 * Started by http.bench.ts on PORT, bound to 127.0.0.1.
 */
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class FloorController {
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
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
