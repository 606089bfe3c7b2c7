import { join } from 'node:path';
import { pseudonymiser, pseudonymKey, type Pseudonymise } from '@app/access';
import type { AppConfig } from '../config/app-config.js';

export const PSEUDONYMISE = Symbol('Pseudonymise');

/** The analysts' pseudonyms, keyed by PSEUDONYM_KEY or a key kept beside the local issuer's. */
export const pseudonymsProvider = (config: AppConfig) => ({
  provide: PSEUDONYMISE,
  useFactory: (): Pseudonymise => pseudonymiser(pseudonymKey(config.PSEUDONYM_KEY, config.DATA_DIR === ':memory:' ? undefined : join(config.DATA_DIR, 'auth'))),
});
