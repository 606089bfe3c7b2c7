import { Inject, Logger } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import type { EventStore, SqlClient, Storage } from '@app/event-store';
import { ActiveTablesCache, COURSE_VIEWS_PROJECTION, courseViewsAt, findCourseView, isPresent, type StoredView } from '@app/projections';
import { fromStored, patientStreamId } from '@app/recording';
import { STORAGE } from '../../config/tokens.js';
import { GetCourseViewQuery, type CourseViewAnswer } from './get-course-view.query.js';

/**
 * The present is read from the stored views when they are current (projected up to the stream's
 * revision); the past (asOf, cutoff), or a patient the projection has not reached yet, is derived
 * from the patient's stream with the same pure functions.
 */
@QueryHandler(GetCourseViewQuery)
export class GetCourseViewHandler implements IQueryHandler<GetCourseViewQuery> {
  private readonly tables: ActiveTablesCache;
  private readonly logger = new Logger('views');
  private readonly reported = new Set<string>();
  private readonly store: EventStore;
  /** Where the views are. */
  private readonly views: SqlClient;
  /** Whether the events are in the views' database, so that one query can compare both. */
  private readonly besideEvents: boolean;

  constructor(@Inject(STORAGE) storage: Storage) {
    ({ store: this.store, views: this.views } = storage);
    this.besideEvents = storage.views === storage.sql;
    this.tables = new ActiveTablesCache(this.views);
  }

  async execute({ patientId, view, at }: GetCourseViewQuery): Promise<CourseViewAnswer> {
    const streamId = patientStreamId(patientId);
    if (isPresent(at)) {
      const { stored, revision } = await this.storedView(patientId, streamId, view);
      if (stored?.error) {
        throw DomainError.illegal('VIEW_STOPPED', `The views of ${patientId} stopped at event ${stored.error.eventId}: ${stored.error.message}`, undefined, stored.error.eventId);
      }
      if (stored?.packed && stored.revision === revision) return { body: stored.packed, packed: true, maySealIdentifiers: stored.sealedIdentifiers !== false };
    }
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw new DomainError('not-found', 'PATIENT_NOT_FOUND', `No patient ${patientId} in the record`, 'patientId');
    return { body: Buffer.from(JSON.stringify(courseViewsAt(patientId, events.map(fromStored), at)[view]), 'utf8'), packed: false, maySealIdentifiers: true };
  }

  /**
   * The stored view and the stream's revision to check it against: in one query when the events
   * are in the same database (PostgreSQL), else two side by side (KurrentDB; the embedded store,
   * whose views have a PGlite of their own).
   */
  private async storedView(patientId: string, streamId: string, view: GetCourseViewQuery['view']): Promise<{ stored?: StoredView; revision?: number }> {
    const revisionSql = this.besideEvents ? this.store.capabilities.streamRevisionSql : undefined;
    const read = (stream?: { id: string; revisionSql: (p: string) => string }) =>
      this.tables
        .get(COURSE_VIEWS_PROJECTION)
        .then((tables) => findCourseView(this.views, tables, patientId, view, stream))
        .catch((e: unknown) => this.unreadable(e)); // no usable stored view: derived from the stream below
    if (revisionSql) {
      const stored = await read({ id: streamId, revisionSql });
      return stored ? { stored, ...(stored.streamRevision !== undefined && { revision: stored.streamRevision }) } : {};
    }
    const [stored, revision] = await Promise.all([read(), this.store.streamRevision(streamId)]);
    return { ...(stored && { stored }), ...(revision !== undefined && { revision }) };
  }

  /**
   * Reads still answer, from the stream, but every one of them then costs a course's derivation:
   * each distinct reason is logged once, so a store that cannot serve stored views does not go unseen.
   */
  private unreadable(e: unknown): undefined {
    const reason = e instanceof Error ? e.message : String(e);
    if (!this.reported.has(reason) && this.reported.size < 100) {
      this.reported.add(reason);
      this.logger.warn({ reason }, 'stored views could not be read; views are derived from the events instead');
    }
    return undefined;
  }
}
