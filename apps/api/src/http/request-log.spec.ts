import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { logRequests } from './request-log.js';

function capturingLogger(level: string): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (out.push(chunk.toString()), done()) });
  return { logger: pino({ level }, sink), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the request log', () => {
  it('writes one line per answered request with its correlation id, method, path, status and time', async () => {
    const { logger, lines } = capturingLogger('info');
    const app = Fastify({ genReqId: (req) => String(req.headers['x-correlation-id'] ?? 'generated') });
    logRequests(app, logger);
    app.get('/patients/:id/timeline', async (_req, reply) => reply.code(404).send({ code: 'PATIENT_NOT_FOUND' }));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    await fetch(`${origin}/patients/P1/timeline?asOf=2024-01-01`, { headers: { 'x-correlation-id': 'corr-7', authorization: 'Bearer secret' } });
    await app.close();
    const logged = lines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, msg: 'request completed', correlationId: 'corr-7', method: 'GET', url: '/patients/P1/timeline?asOf=2024-01-01', statusCode: 404 });
    expect(typeof logged[0]?.['responseTime']).toBe('number');
    expect(JSON.stringify(logged)).not.toContain('secret'); // credentials are never logged
  });

  it('adds no hook at all below the info level', () => {
    const hooks: string[] = [];
    const app = { addHook: (name: string) => hooks.push(name) } as unknown as FastifyInstance;
    logRequests(app, capturingLogger('warn').logger);
    expect(hooks).toEqual([]);
    logRequests(app, capturingLogger('info').logger);
    expect(hooks).toEqual(['onResponse']);
  });
});
