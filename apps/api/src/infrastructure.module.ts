import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openStorage, storeConfigOf, type EventStore, type EventStoreConfig, type Storage } from '@app/event-store';
import { CourseCache, type RecordingContext } from '@app/recording';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG, CLOCK, EVENT_STORE, SQL_CLIENT, STORAGE, VIEWS_SQL_CLIENT } from './config/tokens.js';

export const RECORDING = Symbol('RecordingContext');

const inThreadIfEmbedded = (config: EventStoreConfig): EventStoreConfig => (config.kind === 'embedded' ? { ...config, inThread: true } : config);

/** Opens the configured event store once for the whole app and closes it on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: () => new Date() },
        // The embedded PGlite runs in a thread of its own: its statements would otherwise hold the
        // thread that serves requests (see DatabaseThread). Its views are in another, with a thread
        // of their own: a batch of them would otherwise hold every append behind it.
        { provide: STORAGE, useFactory: () => openStorage(inThreadIfEmbedded(storeConfigOf(config))) },
        { provide: EVENT_STORE, inject: [STORAGE], useFactory: (s: Storage) => s.store },
        { provide: SQL_CLIENT, inject: [STORAGE], useFactory: (s: Storage) => s.sql },
        { provide: VIEWS_SQL_CLIENT, inject: [STORAGE], useFactory: (s: Storage) => s.views },
        {
          provide: RECORDING,
          inject: [EVENT_STORE, CLOCK],
          useFactory: (store: EventStore, clock: () => Date): RecordingContext => ({ store, clock, newId: randomUUID, courses: new CourseCache() }),
        },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, SQL_CLIENT, VIEWS_SQL_CLIENT, STORAGE, RECORDING],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
