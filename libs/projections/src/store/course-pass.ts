import type { SqlExecutor } from '@app/event-store';

/**
 * How far a rebuild's course-by-course pass has come: it replays every course up to `head` (the
 * log's head when the pass began), one chunk of courses per transaction in stream-id order, so an
 * interrupted rebuild resumes after `afterStream`. `applied` counts the events replayed so far.
 */
export interface CoursePass {
  readonly head: number;
  readonly afterStream: string;
  readonly applied: number;
  readonly done: boolean;
}

export const COURSE_PASS_SCHEMA = `
create table if not exists projection_course_passes (
  projection text primary key,
  head bigint not null,
  after_stream text not null,
  applied bigint not null,
  done boolean not null
);
`;

export async function readCoursePass(db: SqlExecutor, key: string): Promise<CoursePass | undefined> {
  const rows = await db.query<{ head: string | number; after_stream: string; applied: string | number; done: boolean }>(
    'select head, after_stream, applied, done from projection_course_passes where projection = $1',
    [key],
  );
  const row = rows[0];
  return row && { head: Number(row.head), afterStream: row.after_stream, applied: Number(row.applied), done: row.done };
}

export async function writeCoursePass(db: SqlExecutor, key: string, pass: CoursePass): Promise<void> {
  await db.query(
    `insert into projection_course_passes (projection, head, after_stream, applied, done) values ($1, $2, $3, $4, $5)
     on conflict (projection) do update set head = excluded.head, after_stream = excluded.after_stream, applied = excluded.applied, done = excluded.done`,
    [key, pass.head, pass.afterStream, pass.applied, pass.done],
  );
}
