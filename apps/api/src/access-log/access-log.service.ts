import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqlClient } from '@app/event-store';
import { SQL_CLIENT } from '../config/tokens.js';
import { ACCESS_LOG_SCHEMA, appendAccessLog, type AccessLogEntry } from './access-log-store.js';

const FLUSH_MS = 200;
const BATCH = 1000;
/** Entries kept while the database refuses them; beyond, the oldest are dropped, counted and reported. */
const MAX_PENDING = 100_000;

export interface AccessLogStatus {
  readonly status: 'ok' | 'degraded';
  readonly writer: string;
  readonly pending: number;
  readonly dropped: number;
  readonly failingSince?: string;
  readonly lastError?: string;
}

/**
 * Writes the access log beside the reads, never in their way: a read enqueues its entry and
 * answers; a timer writes the queue in batches. If the database refuses, entries wait and are
 * retried; only past a bound are the oldest dropped, and then /health says so (status degraded,
 * how many), as it does while writes keep failing. The numbered entries let an auditor see gaps.
 */
@Injectable()
export class AccessLog implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('access-log');
  readonly writer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private seq = 0;
  private pending: AccessLogEntry[] = [];
  private dropped = 0;
  private failingSince?: Date;
  private lastError?: string;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.execInTransaction(`select pg_advisory_xact_lock(7346002);\n${ACCESS_LOG_SCHEMA}`);
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(entry: Omit<AccessLogEntry, 'writer' | 'seq'>): void {
    this.pending.push({ ...entry, writer: this.writer, seq: ++this.seq });
    if (this.pending.length > MAX_PENDING) {
      const lost = this.pending.splice(0, this.pending.length - MAX_PENDING);
      this.dropped += lost.length;
      this.logger.error({ dropped: this.dropped }, 'access log entries dropped: the database has refused them for too long');
    }
  }

  /** Writes what is queued; concurrent calls share one write. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, BATCH);
      try {
        await appendAccessLog(this.sql, batch);
        this.pending.splice(0, batch.length);
        this.failingSince = undefined;
        this.lastError = undefined;
      } catch (e) {
        this.failingSince ??= new Date();
        this.lastError = e instanceof Error ? e.message : String(e);
        this.logger.warn({ err: e, pending: this.pending.length }, 'access log write failed; will retry');
        return;
      }
    }
  }

  status(): AccessLogStatus {
    const stalled = this.failingSince !== undefined && Date.now() - this.failingSince.getTime() > 30_000;
    return {
      status: this.dropped > 0 || stalled ? 'degraded' : 'ok',
      writer: this.writer,
      pending: this.pending.length,
      dropped: this.dropped,
      ...(this.failingSince && { failingSince: this.failingSince.toISOString() }),
      ...(this.lastError && { lastError: this.lastError }),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
}
