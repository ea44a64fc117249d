// The benchmark's stand-in for Termii, run in its own process by bench/run.mjs: a fixed-response
// node:http server. It answers every POST with Termii's documented generate body, prepared once, so its
// cost per request is the least node:http allows and the clients under test are what the numbers measure.
import { createServer } from 'node:http';

const BODY = Buffer.from(
  JSON.stringify({
    status: 'success',
    data: {
      pin_id: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0',
      otp: '522726',
      phone_number: '2348109477743',
      phone_number_other: 'Termii',
    },
  }),
);
const HEADERS = { 'Content-Type': 'application/json', 'Content-Length': String(BODY.length) };
// Optional: a fixed delay before each answer, standing in for a real Termii round-trip (default none).
const DELAY_MS = Number(process.env.BENCH_SERVER_DELAY_MS ?? 0);

let requests = 0;
let connections = 0;
const server = createServer((req, res) => {
  // Read the body to its end, as a real server does, before answering.
  req.resume();
  req.on('end', () => {
    requests++;
    if (DELAY_MS > 0) setTimeout(() => res.writeHead(200, HEADERS).end(BODY), DELAY_MS);
    else res.writeHead(200, HEADERS).end(BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => connections++);

process.on('message', (message) => {
  if (message === 'stats')
    process.send({ requests, connections, cpu: process.cpuUsage(), uptimeMs: process.uptime() * 1000 });
  if (message === 'close') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
// Never outlive the benchmark, even if it dies without saying goodbye.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
