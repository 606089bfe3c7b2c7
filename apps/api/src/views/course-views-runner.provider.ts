import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { hostModule, storeConfigOf, type EventStore, type HostedThread, type Storage } from '@app/event-store';
import { createCourseViewsRunner, migrateViews, projectionSharingOf, type CourseViews, type ProjectionRunner, type ProjectionStatus } from '@app/projections';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, STORAGE } from '../config/tokens.js';
import type { CourseViewsInThread, CourseViewsReport } from './course-views-in-thread.js';

/**
 * The course views' runner. In-process (the default) it follows the log inside the API, in a
 * thread of its own (see course-views-in-thread.ts): on the embedded store beside the databases'
 * threads, reading the events from theirs and writing the views to their own; elsewhere with
 * connections of its own. In the API's thread, sharing the event loop with requests, it doubled
 * the commands' p99 at 1,000 a second on PostgreSQL. With PROJECTIONS=external the apps/projector
 * worker follows the log, and the API only reads the status.
 */
@Injectable()
export class CourseViewsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runner: ProjectionRunner<CourseViews>;
  /** What the runner in its own thread last said, for the status. */
  private hosted?: { running: boolean; lastError?: string };
  /** The runner's thread when no embedded database hosts it. */
  private ownThread?: HostedThread;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // For its status: the runner that follows the log is in a thread of its own.
    this.runner = createCourseViewsRunner(store, storage.views, (e) => this.failed(e), projectionSharingOf(config));
  }

  async onApplicationBootstrap(): Promise<void> {
    const { views, thread, viewsThread } = this.storage;
    if (this.config.PROJECTIONS === 'external') {
      await migrateViews(views); // the worker may not have run yet; queries still need the tables
      return;
    }
    this.hosted = { running: false };
    const module = new URL('./course-views-in-thread.js', import.meta.url);
    const data: CourseViewsInThread = { sharing: projectionSharingOf(this.config), pollIntervalMs: this.config.SUBSCRIPTION_POLL_MS };
    const onReport = (report: unknown) => this.heard(report as CourseViewsReport);
    const onStopped = (reason: Error) => {
      this.hosted = { running: false, lastError: reason.message };
      this.logger.error({ err: reason }, 'the views runner thread stopped: the views no longer follow the log until the API restarts');
    };
    // Hosted by the views' database, whose close stops it first; the events' database is given beside.
    if (thread) await (viewsThread ?? thread).host(module, data, onReport, onStopped, viewsThread ? { events: thread } : {});
    else this.ownThread = await hostModule(module, { ...data, storeConfig: storeConfigOf(this.config) }, onReport, onStopped);
  }

  /** Where the views stand (read from the database), and whether this API's runner is following the log. */
  async status(): Promise<ProjectionStatus> {
    const status = await this.runner.status();
    if (!this.hosted) return status;
    return { ...status, running: this.hosted.running, lastError: this.hosted.lastError };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ownThread?.stop();
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
