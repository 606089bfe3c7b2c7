import { openStorage, type SqlClient } from '@app/event-store';
import { decrypt, IdentifierVault } from './identifier-vault.js';
import { identifierKek, SqlPatientKeyStore } from './sql-patient-keys.js';

describe('the identifier vault', () => {
  let sql: SqlClient;
  let vault: IdentifierVault;
  const kek = identifierKek(undefined, undefined);
  beforeEach(async () => {
    sql = (await openStorage({ kind: 'embedded' })).sql;
    vault = new IdentifierVault(await SqlPatientKeyStore.open(sql, kek));
  });
  afterEach(() => sql.close());

  it('seals under each patient’s own key, opens for that patient only, and keeps the key wrapped', async () => {
    const sealed = await vault.seal('P1', { name: 'Li Na', birthDate: '2010-02-03' });
    expect(sealed.sealed).not.toContain('Li Na');
    expect(await vault.open('P1', sealed)).toEqual({ name: 'Li Na', birthDate: '2010-02-03' });
    await expect(vault.open('P2', sealed)).resolves.toEqual({ erased: true }); // P2 has no key at all
    await vault.seal('P2', { name: 'other' });
    await expect(vault.open('P2', sealed)).rejects.toThrow(); // another patient's key cannot open it
    const [row] = await sql.query<{ wrapped: string }>("select wrapped from patient_keys where patient_id = 'P1'");
    expect(() => decrypt(identifierKek(undefined, undefined), row?.wrapped ?? '', 'patient-key:P1')).toThrow(); // useless without the KEK
  });

  it('after erasure, opens nothing and seals nothing new; other patients are untouched', async () => {
    const p1 = await vault.seal('P1', { hospitalRecordNumber: 'H-1' });
    const p2 = await vault.seal('P2', { hospitalRecordNumber: 'H-2' });
    expect(await vault.erase('P1')).toBe(true);
    expect(await vault.open('P1', p1)).toEqual({ erased: true });
    await expect(vault.seal('P1', { name: 'again' })).rejects.toThrow(/erased/);
    expect(await vault.open('P2', p2)).toEqual({ hospitalRecordNumber: 'H-2' });
    const fresh = new IdentifierVault(await SqlPatientKeyStore.open(sql, kek)); // another process, no cache
    expect(await fresh.open('P1', p1)).toEqual({ erased: true });
  });
});
