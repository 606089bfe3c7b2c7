import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { AccessLogController } from './access-log/access-log.controller.js';
import { AccessLogInterceptor } from './access-log/access-log.interceptor.js';
import { AccessLog } from './access-log/access-log.service.js';
import { AccessGuard } from './auth/access.guard.js';
import { Authenticator, createAuthenticator } from './auth/authenticator.js';
import { PatientDirectory } from './auth/patient-directory.js';
import { identifierVaultProvider } from './auth/identifier-vault.provider.js';
import { pseudonymsProvider } from './auth/pseudonyms.provider.js';
import type { AppConfig } from './config/app-config.js';
import { HealthController } from './health/health.controller.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { ImportFactsHandler } from './imports/import-facts.handler.js';
import { ImportsController } from './imports/imports.controller.js';
import { InfrastructureModule } from './infrastructure.module.js';
import { RecordFactHandler } from './patients/commands/record-fact.handler.js';
import { ErasureController } from './patients/erasure.controller.js';
import { PatientsController } from './patients/patients.controller.js';
import { GetPatientEventsHandler } from './patients/queries/get-patient-events.handler.js';
import { ListPatientsHandler } from './patients/queries/list-patients.handler.js';
import { SeedOnEmpty } from './seed/seed-on-empty.js';
import { GetSurvivalDatasetHandler } from './survival/get-survival-dataset.handler.js';
import { SurvivalController } from './survival/survival.controller.js';
import { CourseViewsRunner } from './views/course-views-runner.provider.js';
import { GetAuditHandler } from './views/queries/get-audit.handler.js';
import { GetCourseViewHandler } from './views/queries/get-course-view.handler.js';
import { GetSwimmerHandler } from './views/queries/get-swimmer.handler.js';
import { ReplayCourseHandler } from './views/queries/replay-course.handler.js';
import { ViewsController } from './views/views.controller.js';

const CommandHandlers = [RecordFactHandler, ImportFactsHandler];
const QueryHandlers = [ListPatientsHandler, GetPatientEventsHandler, GetCourseViewHandler, GetSwimmerHandler, GetAuditHandler, ReplayCourseHandler, GetSurvivalDatasetHandler];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        CqrsModule.forRoot(),
        LoggerModule.forRoot({
          // No per-request middleware: requests are logged by a Fastify hook (http/request-log.ts).
          forRoutes: [],
          pinoHttp: {
            level: config.LOG_LEVEL,
            serializers: { err: stdSerializers.err },
          },
        }),
      ],
      controllers: [PatientsController, ErasureController, ImportsController, ViewsController, SurvivalController, AccessLogController, HealthController],
      providers: [
        ...CommandHandlers,
        ...QueryHandlers,
        SeedOnEmpty,
        CourseViewsRunner,
        PatientDirectory,
        AccessLog,
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        pseudonymsProvider(config),
        identifierVaultProvider(config),
        { provide: Authenticator, useFactory: () => createAuthenticator(config) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
