import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The floor under bench:query's timeline figure: a bare `node:http` server that answers every
 * request with the same JSON text (a stored timeline), with no framework, no authentication and no
 * database. Driven by the same load generator at the same rate, what it achieves is what this
 * machine allows for answers of that size before the engine does any work.
 * Arguments: the file holding the answer. Prints `listening on PORT` once it is ready.
 */
const answer = readFileSync(process.argv[2] ?? ''); // bytes with their length, as the API sends a stored view
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
  response.end(answer);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
