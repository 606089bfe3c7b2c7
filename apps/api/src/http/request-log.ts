import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * One line per answered request: its correlation id, method, path, status and time taken. A
 * Fastify hook rather than pino-http as Nest middleware: that middleware ran every request through
 * Express-style middleware and async context and built a child logger for it, whatever the level,
 * which cost a command more CPU than deciding it. Handlers that log name the correlation id
 * themselves. Below `info` the hook is not installed at all.
 */
export function logRequests(app: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled('info')) return;
  app.addHook('onResponse', (req, reply, done) => {
    logger.info({ correlationId: req.id, method: req.method, url: req.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });
}
