import helmet from 'helmet';
import { headersSetBy } from './security-headers.js';

describe('security headers worked out once', () => {
  it('are the headers helmet sets on an answer, directives included', () => {
    const headers = headersSetBy(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } } }));
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('refuse a middleware whose headers depend on the request (it does not finish at once)', () => {
    expect(() => headersSetBy((_req, _res, next) => setTimeout(next, 0))).toThrow(/could not be worked out/);
  });
});
