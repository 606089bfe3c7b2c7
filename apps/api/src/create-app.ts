import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { correlationIdFor } from './http/correlation-id.js';
import { logRequests } from './http/request-log.js';
import { headersSetBy } from './http/security-headers.js';
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
  logRequests(adapter.getInstance(), PinoLogger.root);
  await harden(app, config);
  const importLimit = config.IMPORT_BODY_LIMIT_MB * 1024 * 1024;
  adapter.getInstance().addContentTypeParser(['application/x-ndjson', 'text/plain'], { parseAs: 'string', bodyLimit: importLimit }, (_req, body, done) => done(null, body));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Treatment timeline engine')
      .setDescription('Records each clinical fact of a patient course as an immutable event.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An OIDC access token, or one from `cli token` / DATA_DIR/auth/admin.token' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'A service account key (API_KEYS_FILE)' }, 'api-key')
      .addSecurityRequirements('bearer')
      .addSecurityRequirements('api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, addEventSchemas(document), { jsonDocumentUrl: 'docs-json', swaggerUiEnabled: options.swaggerUi ?? true });
  app.enableShutdownHooks();
  return app;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers on every answer (the Swagger UI's inline styles allowed), CORS off unless
 * CORS_ORIGINS names origins, and writes rate-limited per caller (its credentials, else its address)
 * with a problem-details 429. Body size limits are set on the adapter and the import parser.
 */
async function harden(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  // helmet's headers, worked out once: the Fastify plugin built a new helmet (and parsed the CSP
  // directives again) on each request, and even one instance ran a dozen middlewares per answer.
  const securityHeaders = headersSetBy(
    helmet({
      // No upgrade-insecure-requests: the embedded install serves plain HTTP on localhost.
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"], upgradeInsecureRequests: null } },
    }),
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders);
      done();
    });
  const origins = config.CORS_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [];
  if (origins.length > 0) await app.register(cors, { origin: origins, credentials: false, allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Api-Key', 'X-Site-Id', 'X-Correlation-Id'] });
  await app.register(rateLimit, {
    max: config.WRITE_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (req) => !WRITES.has(req.method),
    keyGenerator: (req) => {
      if (!WRITES.has(req.method)) return 'reads'; // allow-listed below: not worth hashing credentials for
      const credentials = req.headers['authorization'] ?? req.headers['x-api-key'];
      return typeof credentials === 'string' ? createHash('sha256').update(credentials).digest('base64url') : req.ip;
    },
    errorResponseBuilder: (req, context) => ({
      statusCode: 429,
      type: 'urn:tte:problem:RATE_LIMITED',
      status: 429,
      code: 'RATE_LIMITED',
      title: 'too many requests',
      detail: `at most ${context.max} writes a minute per caller; retry in ${Math.ceil(context.ttl / 1000)} s`,
      instance: req.url,
      correlationId: req.id,
    }),
  });
}
