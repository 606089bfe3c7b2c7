import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The CLI as a user runs it: the built program, a real data directory, real files. */
const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');

function tte(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 2 ** 20 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('tte import', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tte-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the seed fixtures, and a second run records nothing twice', () => {
    const facts = readFileSync(join(ROOT, 'test/fixtures/seed-000.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
    const first = tte(['import', 'test/fixtures/seed-000.ndjson'], { DATA_DIR: dataDir });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`8 patients; ${facts} facts recorded, 0 already recorded, 0 rejected`);
    const again = tte(['import', 'test/fixtures/seed-000.ndjson'], { DATA_DIR: dataDir });
    expect(again.out).toContain(`0 facts recorded, ${facts} already recorded, 0 rejected`);
  });

  it('replays a course event by event, and says so when the patient is unknown', () => {
    tte(['import', 'test/fixtures/seed-001.ndjson'], { DATA_DIR: dataDir });
    const run = tte(['replay', 'seed001-P01'], { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.out).toContain('2021-04  Relapse: eye');
    expect(run.out.trim().split('\n').at(-1)).toContain('4 line(s), line 4 car-t ongoing');
    const json = tte(['replay', 'seed001-P01', '--json'], { DATA_DIR: dataDir });
    expect(json.out.trim().split('\n').map((l) => (JSON.parse(l) as { revision: number }).revision).at(-1)).toBe(45);
    const unknown = tte(['replay', 'NOBODY'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('No patient NOBODY in the record\n');
  });

  it('rebuilds the views into a new generation, and again', () => {
    tte(['import', 'test/fixtures/seed-000.ndjson'], { DATA_DIR: dataDir });
    const first = tte(['rebuild'], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/course-views-v1: rebuilt 156 events into generation 2 .*now serving it/);
    expect(tte(['rebuild'], { DATA_DIR: dataDir }).out).toContain('into generation 3');
    expect(tte(['rebuild', '--projection', 'nope'], { DATA_DIR: dataDir }).err).toContain('Unknown projection "nope"');
    const threads = tte(['rebuild', '--workers', '2'], { DATA_DIR: dataDir });
    expect(threads.code).toBe(1);
    expect(threads.err).toContain('--workers above 1 needs PostgreSQL or KurrentDB');
  });

  it('derives survival datasets and estimates from the record', () => {
    tte(['import', 'test/fixtures/seed-000.ndjson'], { DATA_DIR: dataDir });
    const estimate = tte(['survival', 'estimate', 'EFS', '--times', '12,24'], { DATA_DIR: dataDir });
    expect(estimate.code).toBe(0);
    const surv = (JSON.parse(estimate.out) as { groups: { atTimes: { surv: number }[] }[] }).groups[0]?.atTimes.map((a) => a.surv) ?? [];
    expect(Math.abs((surv[0] ?? 0) - 24 / 35)).toBeLessThan(1e-12);
    expect(Math.abs((surv[1] ?? 0) - 18 / 35)).toBeLessThan(1e-12);
    expect(tte(['survival', 'dataset', 'OS', '--format', 'csv'], { DATA_DIR: dataDir }).out.trim().split('\n')).toHaveLength(9);
    const out = join(dataDir, 'os.parquet');
    expect(tte(['survival', 'dataset', 'OS', '--format', 'parquet', '--out', out], { DATA_DIR: dataDir }).err).toContain('8 rows');
    expect(readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
    const unknown = tte(['survival', 'estimate', 'PFS'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"PFS" is neither a built-in endpoint');
  });

  it('reports each bad line with its number, field and reason, records the good ones, and exits 2', () => {
    const file = join(dataDir, 'mixed.ndjson');
    writeFileSync(
      file,
      [
        '{"patientId":"Z1","type":"PatientEnrolled","data":{"occurredOn":"2020-01-01","studyId":"S","siteId":"A","subjectId":"Z1","sex":"male"}}',
        '{"patientId":"Z1","type":"DiagnosisRecorded","data":{"occurredOn":"2019-12","disease":"B-ALL"}}',
        '{"patientId":"Z1","type":"RelapseRecorded","data":{"occurredOn":"2020-02-01","sites":[{"site":"testis"}]}}',
        '{"patientId":"Z1","type":"LabMeasured","data":{"occurredOn":"2020-02-01","analyte":"CAR-copies","specimen":"CSF","value":465026,"unit":"copies/mL"}}',
        'not json',
      ].join('\n'),
    );
    const run = tte(['import', file], { DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.out).toContain('line 3: type: A relapse needs a prior remission, but the last disease status before 2020-02-01 is diagnosis on 2019-12');
    expect(run.out).toContain('line 4: data.unit: CAR-copies is measured in copies/ug DNA, not "copies/mL" [INVALID_EVENT_DATA]');
    expect(run.out).toContain('line 5: line 5 is not valid JSON');
    expect(run.out).toMatch(/2 facts recorded, 0 already recorded, 3 rejected/);
  });

  it('stops with a message naming a bad setting or a missing file, without a stack trace', () => {
    const bad = tte(['import', 'test/fixtures/seed-000.ndjson'], { EVENT_STORE: 'cassandra' });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('EVENT_STORE="cassandra"');
    const missing = tte(['import', 'nope.ndjson'], { DATA_DIR: dataDir });
    expect(missing.err).toBe('No such file: nope.ndjson\n');
    const unreachable = tte(['import', 'test/fixtures/seed-000.ndjson'], { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' });
    expect(unreachable.err).toMatch(/127\.0\.0\.1:1\/x \(DATABASE_URL\) cannot be reached/);
    expect(unreachable.err).not.toMatch(/\n\s+at /);
  });
});
