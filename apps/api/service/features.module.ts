import { Module } from '@nestjs/common';
import { AbsencesController } from '../absences/absences.controller.js';
import { StudentWriteHandler } from '../absences/student-write.handler.js';
import { CaseReadsController } from '../case-reads/case-reads.controller.js';
import { GetCaseHandler, GetCaseHistoryHandler, VerifyCaseHistoryHandler } from '../case-reads/case-reads.queries.js';
import { ExportCaseNoarkHandler } from '../case-reads/export-noark.query.js';
import { CaseWriteHandler } from '../cases/case-write.handler.js';
import { CasesController } from '../cases/cases.controller.js';
import { OpenCaseHandler } from '../cases/open-case.handler.js';
import { EnrolStudentHandler } from '../setup/enrol-student.handler.js';
import { RegisterSchoolHandler } from '../setup/register-school.handler.js';
import { SetupController } from '../setup/setup.controller.js';

/** Every route of api.md: controllers, and the command and query handlers behind them. */
@Module({
  controllers: [SetupController, AbsencesController, CasesController, CaseReadsController],
  providers: [
    RegisterSchoolHandler,
    EnrolStudentHandler,
    StudentWriteHandler,
    OpenCaseHandler,
    CaseWriteHandler,
    GetCaseHandler,
    GetCaseHistoryHandler,
    VerifyCaseHistoryHandler,
    ExportCaseNoarkHandler,
  ],
})
export class FeaturesModule {}
