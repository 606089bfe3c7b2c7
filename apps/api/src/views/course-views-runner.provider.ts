import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, SqlClient } from '@app/event-store';
import { createCourseViewsRunner, migrateViews, projectionSharingOf, type CourseViews, type ProjectionRunner } from '@app/projections';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, SQL_CLIENT } from '../config/tokens.js';

/**
 * The course views' runner. In-process (the embedded default) it follows the log inside the API;
 * with PROJECTIONS=external the apps/projector worker does, and the API only reads its status.
 */
@Injectable()
export class CourseViewsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  readonly runner: ProjectionRunner<CourseViews>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.runner = createCourseViewsRunner(store, sql, (e) => this.logger.error({ err: e }, 'projection batch failed; resuming from the checkpoint'), projectionSharingOf(config), { besideRequests: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.PROJECTIONS === 'in-process') await this.runner.start();
    else await migrateViews(this.sql); // the worker may not have run yet; queries still need the tables
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
