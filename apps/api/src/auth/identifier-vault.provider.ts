import { join } from 'node:path';
import { IdentifierVault, identifierKek, SqlPatientKeyStore } from '@app/access';
import type { SqlClient } from '@app/event-store';
import type { AppConfig } from '../config/app-config.js';
import { SQL_CLIENT } from '../config/tokens.js';

export const IDENTIFIER_VAULT = Symbol('IdentifierVault');

/** Patients' keys beside the read models, wrapped by IDENTIFIER_KEK or a key kept under DATA_DIR/auth. */
export const identifierVaultProvider = (config: AppConfig) => ({
  provide: IDENTIFIER_VAULT,
  inject: [SQL_CLIENT],
  useFactory: async (sql: SqlClient): Promise<IdentifierVault> =>
    new IdentifierVault(await SqlPatientKeyStore.open(sql, identifierKek(config.IDENTIFIER_KEK, config.DATA_DIR === ':memory:' ? undefined : join(config.DATA_DIR, 'auth')))),
});
