import { loadConfig } from './app-config.js';

describe('configuration from the environment', () => {
  it('defaults to the embedded store under ./data', () => {
    expect(loadConfig({})).toMatchObject({ EVENT_STORE: 'embedded', DATA_DIR: './data', PORT: 3000, SEED_ON_EMPTY: true });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE="mongo".*embedded.*postgres/s);
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL="": is required when EVENT_STORE=postgres/);
    expect(() => loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
