import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { importFacts, type RecordingContext } from '@app/recording';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/tokens.js';
import { RECORDING } from '../infrastructure.module.js';

const FIXTURES = ['seed-001.ndjson', 'seed-000.ndjson'];

/** A newcomer's first start shows data at once: the two source papers, loaded into an empty store. */
@Injectable()
export class SeedOnEmpty implements OnApplicationBootstrap {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RECORDING) private readonly recording: RecordingContext,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_ON_EMPTY || (await this.recording.store.headPosition()) > 0) return;
    const dir = resolve(process.cwd(), 'test', 'fixtures');
    for (const file of FIXTURES) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const summary = await importFacts(this.recording, readFileSync(path, 'utf8').split('\n'), { source: `fixture:${file}`, recordedBy: 'seed-on-empty' });
      this.logger.log(`loaded ${file}: ${summary.recorded} facts for ${summary.patients} patients, ${summary.rejected.length} rejected`);
    }
  }
}
