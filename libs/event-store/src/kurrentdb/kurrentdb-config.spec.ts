import { ConfigError, loadStoreEnv, storeConfigOf } from '../store-config.js';

const PG = 'postgres://postgres@127.0.0.1:5432/tte';
const message = (env: NodeJS.ProcessEnv): string => {
  try {
    loadStoreEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('store configuration for KurrentDB', () => {
  it('opens KurrentDB for events and PostgreSQL for the read models', () => {
    const env = loadStoreEnv({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://admin:changeit@db:2113?tls=false', DATABASE_URL: PG, DATABASE_POOL_SIZE: '4' });
    expect(storeConfigOf(env)).toEqual({ kind: 'kurrentdb', url: 'kurrentdb://admin:changeit@db:2113?tls=false', readModelsUrl: PG, poolSize: 4 });
    for (const url of ['esdb://db:2113', 'kdb+discover://a:2113,b:2113', 'kurrent://db']) expect(loadStoreEnv({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url, DATABASE_URL: PG }).KURRENTDB_URL).toBe(url);
  });

  it('needs KURRENTDB_URL and DATABASE_URL with EVENT_STORE=kurrentdb, naming each', () => {
    const both = message({ EVENT_STORE: 'kurrentdb' });
    expect(both).toMatch(/KURRENTDB_URL="": is required when EVENT_STORE=kurrentdb/);
    expect(both).toMatch(/DATABASE_URL="": is required when EVENT_STORE=kurrentdb \(read models/);
    expect(message({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://db:2113' })).not.toMatch(/KURRENTDB_URL/);
  });

  it('refuses a KURRENTDB_URL that is not a KurrentDB connection string, and an unknown EVENT_STORE', () => {
    expect(message({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'http://db:2113', DATABASE_URL: PG })).toMatch(/KURRENTDB_URL="http:\/\/db:2113": must be a KurrentDB connection string/);
    expect(message({ EVENT_STORE: 'eventstore' })).toMatch(/^ {2}EVENT_STORE="eventstore": /m);
  });

  it('leaves the other stores as they were', () => {
    expect(message({ EVENT_STORE: 'postgres' })).toMatch(/DATABASE_URL="": is required when EVENT_STORE=postgres/);
    expect(storeConfigOf(loadStoreEnv({ DATA_DIR: ':memory:' }))).toEqual({ kind: 'embedded', pollIntervalMs: 500, views: {} });
    expect(storeConfigOf(loadStoreEnv({ DATA_DIR: '/srv/tte' }))).toEqual({ kind: 'embedded', dataDir: '/srv/tte/pglite', pollIntervalMs: 500, views: { dataDir: '/srv/tte/views' } });
  });
});
