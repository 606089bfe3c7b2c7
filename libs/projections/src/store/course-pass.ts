import type { SqlExecutor } from '@app/event-store';

/**
 * A rebuild's course-by-course pass replays every course up to `head`, the log's head when the
 * pass began. Its patients are spread over `partitions` (each may run in a thread of its own);
 * each partition writes its courses in stream-id order, one chunk per transaction with its
 * progress, so an interrupted rebuild resumes each partition after its `afterStream`.
 */
export interface CoursePass {
  /** The generation's checkpoint key; a partition's progress is kept under `key@index/count`. */
  readonly key: string;
  readonly head: number;
  readonly partitions: number;
  readonly done: boolean;
}

export interface CoursePassPart {
  readonly key: string;
  readonly head: number;
  readonly partition: { readonly index: number; readonly count: number };
  readonly afterStream: string;
  /** Events this partition has replayed so far. */
  readonly applied: number;
  readonly done: boolean;
}

export const COURSE_PASS_SCHEMA = `
create table if not exists projection_course_passes (
  projection text primary key,
  head bigint not null,
  partitions int not null,
  after_stream text not null,
  applied bigint not null,
  done boolean not null
);
`;

interface Row {
  projection: string;
  head: string | number;
  partitions: number;
  after_stream: string;
  applied: string | number;
  done: boolean;
}

const partKey = (key: string, index: number, count: number) => `${key}@${index}/${count}`;

export async function readCoursePass(db: SqlExecutor, key: string): Promise<CoursePass | undefined> {
  const [row] = await db.query<Row>('select head, partitions, done from projection_course_passes where projection = $1', [key]);
  return row && { key, head: Number(row.head), partitions: row.partitions, done: row.done };
}

/** The pass's partitions as far as each has come (a partition not begun yet has no row). */
export async function readCoursePassParts(db: SqlExecutor, pass: CoursePass): Promise<CoursePassPart[]> {
  const rows = await db.query<Row>('select projection, after_stream, applied, done from projection_course_passes where projection like $1', [`${pass.key}@%`]);
  const byKey = new Map(rows.map((r) => [r.projection, r]));
  return Array.from({ length: pass.partitions }, (_, index) => {
    const row = byKey.get(partKey(pass.key, index, pass.partitions));
    return { key: pass.key, head: pass.head, partition: { index, count: pass.partitions }, afterStream: row?.after_stream ?? '', applied: Number(row?.applied ?? 0), done: row?.done ?? false };
  });
}

const UPSERT = `insert into projection_course_passes (projection, head, partitions, after_stream, applied, done) values ($1, $2, $3, $4, $5, $6)
  on conflict (projection) do update set after_stream = excluded.after_stream, applied = excluded.applied, done = excluded.done`;

export async function writeCoursePass(db: SqlExecutor, pass: CoursePass): Promise<void> {
  await db.query(UPSERT, [pass.key, pass.head, pass.partitions, '', 0, pass.done]);
}

export async function writeCoursePassPart(db: SqlExecutor, part: CoursePassPart): Promise<void> {
  const { index, count } = part.partition;
  await db.query(UPSERT, [partKey(part.key, index, count), part.head, count, part.afterStream, part.applied, part.done]);
}
