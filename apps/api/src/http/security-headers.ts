import type { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a helmet middleware sets, worked out once. With static directives (no per-request
 * nonce) they are the same for every answer, so the API sets them in one call per request instead
 * of running helmet's dozen middlewares each time; helmet stays the source of what they are.
 */
export function headersSetBy(middleware: Middleware): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  let done = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    done = true;
    failure = error;
  });
  if (!done || failure) throw new Error(`the security headers could not be worked out: ${failure instanceof Error ? failure.message : 'the middleware did not finish at once'}`);
  return headers;
}
