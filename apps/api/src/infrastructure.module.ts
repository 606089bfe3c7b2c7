import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openEventStore, storeConfigOf, type EventStore } from '@app/event-store';
import { CourseCache, type RecordingContext } from '@app/recording';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG, CLOCK, EVENT_STORE } from './config/tokens.js';

export const RECORDING = Symbol('RecordingContext');

/** Opens the configured event store once for the whole app and closes it on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: () => new Date() },
        {
          provide: EVENT_STORE,
          useFactory: () => openEventStore(storeConfigOf(config)),
        },
        {
          provide: RECORDING,
          inject: [EVENT_STORE, CLOCK],
          useFactory: (store: EventStore, clock: () => Date): RecordingContext => ({ store, clock, newId: randomUUID, courses: new CourseCache() }),
        },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, RECORDING],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
