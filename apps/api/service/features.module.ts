import { Module } from '@nestjs/common';
import { AbsencesController } from '../absences/absences.controller.js';
import { StudentWriteHandler } from '../absences/student-write.handler.js';
import { CaseReadsController } from '../case-reads/case-reads.controller.js';
import { GetCaseHandler, GetCaseHistoryHandler, VerifyCaseHistoryHandler } from '../case-reads/case-reads.queries.js';
import { ExportCaseDepositHandler, ExportCaseNoarkHandler } from '../case-reads/export-noark.query.js';
import { StudentKnownController } from '../case-reads/student-known.controller.js';
import { GetStudentKnownHandler } from '../case-reads/student-known.query.js';
import { CaseWriteHandler } from '../cases/case-write.handler.js';
import { CasesController } from '../cases/cases.controller.js';
import { OpenCaseHandler } from '../cases/open-case.handler.js';
import { EnrolStudentHandler } from '../setup/enrol-student.handler.js';
import { RegisterSchoolHandler } from '../setup/register-school.handler.js';
import { SetupController } from '../setup/setup.controller.js';
import { PeopleController } from '../people/people.controller.js';
import { TasksController } from '../tasks/tasks.controller.js';
import { MovesController } from '../moves/moves.controller.js';
import { CaseListController } from '../case-reads/case-list.controller.js';
import { RollCallController } from '../roll-call/roll-call.controller.js';
import { RollCallHandler } from '../roll-call/roll-call.handler.js';
import { ReviewsController } from '../reviews/reviews.controller.js';
import { PptConsultationsController } from '../ppt/ppt-consultations.controller.js';
import { ListReviewsHandler, MonthlyReportHandler } from '../reviews/reviews.queries.js';
import { FindTaskHandler } from '../tasks/find-task.query.js';
import { GetAccessLogHandler, GetPptCasesHandler, GetPptStatisticsHandler } from '../read/municipality-reads.queries.js';
import { SchoolTrendController } from '../read/school-trend.controller.js';
import { ReadController } from '../read/read.controller.js';
import { PrivacyController } from '../privacy/privacy.controller.js';
import { EraseStudentHandler } from '../privacy/erase-student.handler.js';
import { InnsynController } from '../privacy/innsyn.controller.js';
import { RetentionController } from '../privacy/retention.controller.js';
import { GetInnsynHandler } from '../privacy/innsyn.query.js';
import { ReadModels } from '../read/read-models.provider.js';
import {
  GetAbsenceListHandler,
  GetSchoolStatisticsHandler,
  GetStudentTaskHistoryHandler,
  GetTasksHandler,
  SchoolPeriodHandler,
} from '../read/school-reads.queries.js';
import { GetConcernHandler, GetConcernHistoryHandler, ListRegistrationsHandler } from '../read/student-reads.queries.js';

/** Every route of api.md: controllers, and the command and query handlers behind them. */
@Module({
  controllers: [
    SetupController,
    AbsencesController,
    CasesController,
    CaseReadsController,
    ReadController,
    SchoolTrendController,
    StudentKnownController,
    PeopleController,
    TasksController,
    MovesController,
    CaseListController,
    RollCallController,
    ReviewsController,
    PptConsultationsController,
    PrivacyController,
    InnsynController,
    RetentionController,
  ],
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
    ExportCaseDepositHandler,
    GetStudentKnownHandler,
    ReadModels,
    GetConcernHandler,
    GetConcernHistoryHandler,
    ListRegistrationsHandler,
    GetAbsenceListHandler,
    GetSchoolStatisticsHandler,
    FindTaskHandler,
    RollCallHandler,
    GetStudentTaskHistoryHandler,
    SchoolPeriodHandler,
    ListReviewsHandler,
    MonthlyReportHandler,
    GetTasksHandler,
    GetPptStatisticsHandler,
    GetPptCasesHandler,
    GetAccessLogHandler,
    EraseStudentHandler,
    GetInnsynHandler,
  ],
})
export class FeaturesModule {}
