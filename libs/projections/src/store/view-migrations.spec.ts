import { openStorage } from '@app/event-store';
import { migrateViews } from './view-migrations.js';

describe('migrating the view tables', () => {
  it('drops views stored in the old jsonb layout with their checkpoints, so the runner projects them again from the start', async () => {
    const { sql } = await openStorage({ kind: 'embedded' });
    try {
      await sql.execInTransaction(`
        create table course_views (patient_id text primary key, revision bigint not null, position bigint not null, record jsonb not null, views jsonb, error jsonb);
        create table course_views_g2 (patient_id text primary key, record jsonb, views jsonb);
        create table audit_entries (position bigint primary key, patient_id text not null);
        create table projection_checkpoints (projection text primary key, position bigint not null, last_recorded_at timestamptz, updated_at timestamptz not null default clock_timestamp());
        create table projection_generations (projection text primary key, active int not null, building int);
        insert into course_views values ('P1', 3, 40, '{}', '{}', null);
        insert into audit_entries values (40, 'P1');
        insert into projection_checkpoints (projection, position) values ('course-views-v1', 40), ('course-views-v1#g2', 12);
        insert into projection_generations values ('course-views-v1', 1, 2);
      `);
      await migrateViews(sql);
      const tables = await sql.query<{ tablename: string }>("select tablename from pg_tables where schemaname = current_schema() and (tablename like 'course%' or tablename like 'audit%') order by tablename");
      expect(tables.map((t) => t.tablename)).toEqual(['audit_entries', 'course_view_documents', 'course_views']);
      expect(await sql.query('select * from course_views')).toEqual([]);
      expect(await sql.query('select * from audit_entries')).toEqual([]);
      expect(await sql.query('select * from projection_checkpoints')).toEqual([]);
      expect(await sql.query('select * from projection_generations')).toEqual([]);
      const columns = await sql.query<{ column_name: string; data_type: string }>("select column_name, data_type from information_schema.columns where table_name = 'course_views' and column_name in ('error', 'site_id') order by column_name");
      expect(columns).toEqual([
        { column_name: 'error', data_type: 'jsonb' },
        { column_name: 'site_id', data_type: 'text' },
      ]);

      // Once in the new layout, running the migration again keeps what is there.
      await sql.query("insert into course_views (patient_id, revision, position) values ('P1', 0, 1)");
      await migrateViews(sql);
      expect(await sql.query('select patient_id from course_views')).toEqual([{ patient_id: 'P1' }]);
    } finally {
      await sql.close();
    }
  });

  it('drops the copy of each record that views rows used to keep, in every generation, and keeps the rows', async () => {
    const { sql } = await openStorage({ kind: 'embedded' });
    try {
      await sql.execInTransaction(`
        create table course_views (patient_id text primary key, revision bigint not null, position bigint not null, site_id text, record text not null, error jsonb);
        create table course_views_g3 (patient_id text primary key, revision bigint not null, position bigint not null, site_id text, record text not null, error jsonb);
        insert into course_views values ('P1', 3, 40, 'A', '{"facts":[]}', null);
        insert into course_views_g3 values ('P1', 3, 40, 'A', '{"facts":[]}', null);
      `);
      await migrateViews(sql);
      const withRecord = await sql.query("select table_name from information_schema.columns where table_name like 'course_views%' and column_name = 'record'");
      expect(withRecord).toEqual([]);
      expect(await sql.query('select patient_id, revision::int, position::int, site_id from course_views_g3')).toEqual([{ patient_id: 'P1', revision: 3, position: 40, site_id: 'A' }]);
      expect(await sql.query('select patient_id, revision::int, site_id from course_views')).toEqual([{ patient_id: 'P1', revision: 3, site_id: 'A' }]);
      // Rows from before views rows said whether the record holds sealed identifiers: unknown.
      expect(await sql.query('select sealed_identifiers from course_views_g3 union all select sealed_identifiers from course_views')).toEqual([{ sealed_identifiers: null }, { sealed_identifiers: null }]);
    } finally {
      await sql.close();
    }
  });

  it('drops view documents stored as JSON text, in every generation, with the checkpoints and passes, so the runner projects them again packed', async () => {
    const { sql } = await openStorage({ kind: 'embedded' });
    try {
      await sql.execInTransaction(`
        create table course_views (patient_id text primary key, revision bigint not null, position bigint not null, site_id text, error jsonb, sealed_identifiers boolean);
        create table course_view_documents (view text not null, patient_id text not null, json text not null, primary key (view, patient_id));
        create table course_view_documents_g2 (view text not null, patient_id text not null, json text not null, primary key (view, patient_id));
        create table audit_entries (position bigint not null, patient_id text not null);
        create table projection_checkpoints (projection text primary key, position bigint not null, last_recorded_at timestamptz, updated_at timestamptz not null default clock_timestamp());
        create table projection_generations (projection text primary key, active int not null, building int);
        create table projection_course_passes (projection text primary key, head bigint not null, partitions int not null, after_stream text not null, applied bigint not null, done boolean not null);
        insert into course_views values ('P1', 3, 40, 'A', null, false);
        insert into course_view_documents values ('timeline', 'P1', '{}');
        insert into projection_checkpoints (projection, position) values ('course-views-v1', 40), ('course-views-v1#g2', 12);
        insert into projection_generations values ('course-views-v1', 1, 2);
        insert into projection_course_passes values ('course-views-v1#g2', 40, 1, '', 0, false);
      `);
      await migrateViews(sql);
      const tables = await sql.query<{ tablename: string }>("select tablename from pg_tables where schemaname = current_schema() and (tablename like 'course%' or tablename like 'audit%') order by tablename");
      expect(tables.map((t) => t.tablename)).toEqual(['audit_entries', 'course_view_documents', 'course_views']);
      for (const table of ['course_views', 'course_view_documents', 'projection_checkpoints', 'projection_generations', 'projection_course_passes']) expect(await sql.query(`select * from ${table}`)).toEqual([]);
      // Packed already: stored as it comes, not compressed again.
      const packed = await sql.query("select format_type(atttypid, atttypmod) as type, attstorage from pg_attribute where attrelid = 'course_view_documents'::regclass and attname = 'packed'");
      expect(packed).toEqual([{ type: 'bytea', attstorage: 'e' }]);

      await sql.query("insert into course_view_documents values ('timeline', 'P1', '\\x1f8b')");
      await migrateViews(sql);
      expect(await sql.query('select view from course_view_documents')).toEqual([{ view: 'timeline' }]);
    } finally {
      await sql.close();
    }
  });
});
