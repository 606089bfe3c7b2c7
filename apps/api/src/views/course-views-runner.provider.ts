import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, Storage } from '@app/event-store';
import { createCourseViewsRunner, migrateViews, projectionSharingOf, type CourseViews, type ProjectionRunner, type ProjectionStatus } from '@app/projections';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, STORAGE } from '../config/tokens.js';
import type { CourseViewsInThread, CourseViewsReport } from './course-views-in-thread.js';

/**
 * The course views' runner. In-process (the default) it follows the log inside the API: on the
 * embedded store in a thread of its own beside the databases' (see course-views-in-thread.ts),
 * reading the events from theirs and writing the views to their own; elsewhere in the API's thread. With PROJECTIONS=external the apps/projector worker does, and
 * the API only reads its status.
 */
@Injectable()
export class CourseViewsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runner: ProjectionRunner<CourseViews>;
  /** What the runner in its own thread last said, for the status. */
  private hosted?: { running: boolean; lastError?: string };

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.runner = createCourseViewsRunner(store, storage.views, (e) => this.failed(e), projectionSharingOf(config), { besideRequests: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { views, thread, viewsThread } = this.storage;
    if (this.config.PROJECTIONS === 'external') await migrateViews(views); // the worker may not have run yet; queries still need the tables
    else if (thread) {
      this.hosted = { running: false };
      const data: CourseViewsInThread = { sharing: projectionSharingOf(this.config), pollIntervalMs: this.config.SUBSCRIPTION_POLL_MS };
      // Hosted by the views' database, whose close stops it first; the events' database is given beside.
      await (viewsThread ?? thread).host(
        new URL('./course-views-in-thread.js', import.meta.url),
        data,
        (report) => this.heard(report as CourseViewsReport),
        (reason) => {
          this.hosted = { running: false, lastError: reason.message };
          this.logger.error({ err: reason }, 'the views runner thread stopped: the views no longer follow the log until the API restarts');
        },
        viewsThread ? { events: thread } : {},
      );
    } else await this.runner.start();
  }

  /** Where the views stand (read from the database), and whether this API's runner is following the log. */
  async status(): Promise<ProjectionStatus> {
    const status = await this.runner.status();
    if (!this.hosted) return status;
    return { ...status, running: this.hosted.running, lastError: this.hosted.lastError };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  private heard(report: CourseViewsReport): void {
    if (!this.hosted) return;
    if ('failed' in report) {
      this.hosted.lastError = report.failed;
      this.failed({ message: report.failed });
    } else if ('recovered' in report) this.hosted.lastError = undefined;
    else this.hosted.running = report.running;
  }

  private failed(err: unknown): void {
    this.logger.error({ err }, 'projection batch failed; resuming from the checkpoint');
  }
}
