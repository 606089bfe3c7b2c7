import { randomBytes } from 'node:crypto';
import type { SqlClient } from '@app/event-store';
import { decrypt, encrypt, type PatientKeyStore } from './identifier-vault.js';
import { keptRandomKey } from './secret-files.js';

/**
 * Patients' data keys in their own table, never in the events, each wrapped by the key-encryption
 * key (IDENTIFIER_KEK, or one kept under DATA_DIR/auth), so a copy of the table alone opens
 * nothing. Erasure nulls the wrapped key, marks the patient erased, and vacuums the table so the
 * old row version does not linger. Keys are cached for a few seconds only, so an erasure made by
 * another process takes effect here within that time.
 */
export const PATIENT_KEYS_SCHEMA = `
create table if not exists patient_keys (
  patient_id text primary key,
  wrapped text,
  created_at timestamptz not null default clock_timestamp(),
  erased_at timestamptz
);
`;

const CACHE_MS = 5_000;

export class SqlPatientKeyStore implements PatientKeyStore {
  private readonly cache = new Map<string, { key: Uint8Array; until: number }>();

  constructor(
    private readonly sql: SqlClient,
    private readonly kek: Uint8Array,
  ) {}

  static async open(sql: SqlClient, kek: Uint8Array): Promise<SqlPatientKeyStore> {
    await sql.execInTransaction(`select pg_advisory_xact_lock(7346003);\n${PATIENT_KEYS_SCHEMA}`);
    return new SqlPatientKeyStore(sql, kek);
  }

  async existingKey(patientId: string): Promise<Uint8Array | 'erased' | undefined> {
    const cached = this.cache.get(patientId);
    if (cached && cached.until > Date.now()) return cached.key;
    const rows = await this.sql.query<{ wrapped: string | null }>('select wrapped from patient_keys where patient_id = $1', [patientId]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.wrapped === null) return 'erased';
    const key = decrypt(this.kek, row.wrapped, `patient-key:${patientId}`);
    this.cache.set(patientId, { key, until: Date.now() + CACHE_MS });
    return key;
  }

  async keyFor(patientId: string): Promise<Uint8Array | 'erased'> {
    const existing = await this.existingKey(patientId);
    if (existing !== undefined) return existing;
    const key = randomBytes(32);
    await this.sql.query('insert into patient_keys (patient_id, wrapped) values ($1, $2) on conflict (patient_id) do nothing', [patientId, encrypt(this.kek, key, `patient-key:${patientId}`)]);
    return (await this.existingKey(patientId)) ?? 'erased'; // whoever inserted first, that key
  }

  async erase(patientId: string): Promise<boolean> {
    this.cache.delete(patientId);
    const rows = await this.sql.query<{ had: boolean }>(
      `insert into patient_keys (patient_id, wrapped, erased_at) values ($1, null, clock_timestamp())
       on conflict (patient_id) do update set wrapped = null, erased_at = coalesce(patient_keys.erased_at, clock_timestamp())
       returning (xmax <> 0) as had`,
      [patientId],
    );
    await this.sql.query('vacuum patient_keys').catch(() => undefined); // best effort: drops the dead row version
    return rows[0]?.had ?? false;
  }
}

/** The key-encryption key: IDENTIFIER_KEK (base64url, 32 bytes) if given, else one under the data directory. */
export function identifierKek(configured: string | undefined, dir: string | undefined): Uint8Array {
  if (configured) {
    const key = Buffer.from(configured, 'base64url');
    if (key.length !== 32) throw new Error('IDENTIFIER_KEK must be 32 bytes, base64url-encoded');
    return key;
  }
  return keptRandomKey(dir, 'identifier.kek');
}
