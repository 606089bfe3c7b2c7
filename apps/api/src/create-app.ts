import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { correlationIdFor } from './http/correlation-id.js';
import { addEventSchemas } from './openapi/event-schemas.js';

export interface AppOptions {
  /** Serve the Swagger UI pages at /docs (the JSON at /docs-json is always served). */
  readonly swaggerUi?: boolean;
}

/** Builds the HTTP app (not yet listening): used by main and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, genReqId: correlationIdFor });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, abortOnError: false, logger: false });
  // Until pino takes over, Nest stays silent: a start-up failure is reported once, by main, without a stack.
  app.useLogger(app.get(Logger));
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    reply.header('X-Correlation-Id', req.id);
    done();
  });
  const importLimit = config.IMPORT_BODY_LIMIT_MB * 1024 * 1024;
  adapter.getInstance().addContentTypeParser(['application/x-ndjson', 'text/plain'], { parseAs: 'string', bodyLimit: importLimit }, (_req, body, done) => done(null, body));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Treatment timeline engine')
      .setDescription('Records each clinical fact of a patient course as an immutable event.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, addEventSchemas(document), { jsonDocumentUrl: 'docs-json', swaggerUiEnabled: options.swaggerUi ?? true });
  app.enableShutdownHooks();
  return app;
}
