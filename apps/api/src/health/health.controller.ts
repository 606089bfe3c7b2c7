import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@app/event-store';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE } from '../config/tokens.js';
import { AccessLog } from '../access-log/access-log.service.js';
import { Public } from '../auth/access.decorators.js';
import { CourseViewsRunner } from '../views/course-views-runner.provider.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly views: CourseViewsRunner,
    private readonly accessLog: AccessLog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Event store reachability and the projections: position, lag (events and seconds behind), patients whose views stopped; 503 when the store does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown>> {
    try {
      const headPosition = await this.store.headPosition();
      const projection = await this.views.status();
      const accessLog = this.accessLog.status();
      const status = projection.failedPatients > 0 || accessLog.status !== 'ok' ? 'degraded' : 'ok';
      return { status, eventStore: { kind: this.config.EVENT_STORE, status: 'up', headPosition }, projections: [{ ...projection, mode: this.config.PROJECTIONS }], accessLog };
    } catch {
      reply.code(503);
      return { status: 'error', eventStore: { kind: this.config.EVENT_STORE, status: 'down' } };
    }
  }
}
