// `npm run bench`: nestjs-termii's InAppTokenService.generate against the cheapest hand-written calls
// (undici's Pool.request, node:http on a keep-alive agent, bare axios, Node's fetch), side by side in one
// run, against a fixed-response server in its own process; and, in process, what validation and mapping
// cost a call of InAppTokenService.generate and verify and of MessagingService.send.
// It runs on the built package (`npm run build` first), imported by name as users import it.
//
// Environment (all optional): BENCH_ROUNDS (default 20), BENCH_REQUESTS_C1 (400), BENCH_REQUESTS_C64 (1500),
// BENCH_SERVER_DELAY_MS (0: the server answers after this delay, like a real round-trip to Termii),
// BENCH_LAYERS=1 (adds the module's HTTP client driven without its services: where a call's time goes; the
// extra variant changes the mix every call runs in, so the targets are judged on runs without it).
import 'reflect-metadata';
import { fork } from 'node:child_process';
import * as http from 'node:http';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import axios from 'axios';
import { InAppTokenService, MessagingService, TermiiModule } from 'nestjs-termii';
import { Pool } from 'undici';

// Many short rounds rather than a few long ones: each ratio is taken within one round, where the variants
// ran back to back, and the median of many such ratios holds steady on a machine whose speed drifts.
const ROUNDS = positiveInt('BENCH_ROUNDS', 20);
const REQUESTS = { 1: positiveInt('BENCH_REQUESTS_C1', 400), 64: positiveInt('BENCH_REQUESTS_C64', 1500) };
const CONCURRENCIES = [1, 64];
const API_KEY = 'bench-api-key';
const PHONE = '2348109477743';
// The module's defaults are NUMERIC, 3 attempts, 5 minutes, 6 digits: the bare calls send the same body.
const INPUT = Object.freeze({ phoneNumber: PHONE, pinTimeToLive: 10 });
const WIRE_BODY = () => ({
  api_key: API_KEY,
  pin_type: 'NUMERIC',
  phone_number: PHONE,
  pin_attempts: 3,
  pin_time_to_live: 10,
  pin_length: 6,
});
// MessagingService.send as an app calls it: one number, a GSM-7 text (so `type` is chosen from it), its sender ID.
const MESSAGE_INPUT = Object.freeze({
  to: PHONE,
  text: 'Your order #10482 has shipped and arrives on Friday.',
  from: 'Acme',
});
const TIMEOUT_MS = 10_000;
const HEAP_GROWTH_LIMIT_BYTES = 1024 * 1024;
const HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc (npm run bench does).');
  process.exit(1);
}

function positiveInt(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

// ---------------------------------------------------------------------------------------------- server

async function startServer() {
  const child = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)));
  });
  const ask = () =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send('stats');
    });
  const close = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.send('close');
    });
  return { url: `http://127.0.0.1:${port}`, stats: ask, close };
}

// ---------------------------------------------------------------------------------------------- variants

/** The module as an app uses it: TermiiModule in a Nest application context, verbose logging off as in production. */
async function moduleVariant(baseUrl) {
  class BenchModule {}
  Module({ imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl, timeoutMs: TIMEOUT_MS })] })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['warn', 'error'] });
  const service = app.get(InAppTokenService);
  return {
    name: 'nestjs-termii',
    call: () => service.generate(INPUT),
    service,
    close: () => app.close(),
  };
}

/**
 * `BENCH_LAYERS=1`: the module's own HTTP client (`TermiiHttpClient`, internal) with the wire body written
 * out and the answer read by hand: no validation, no DTO mapping. The module's transport alone; the module
 * ÷ this is what the service layer (validation, mapping, reading the answer) costs a call.
 */
async function transportOnlyVariant(baseUrl) {
  const { TermiiHttpClient } = await import('../dist/http/termii-http.client.js');
  class TransportOnlyModule {}
  Module({ imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl, timeoutMs: TIMEOUT_MS })] })(TransportOnlyModule);
  const app = await NestFactory.createApplicationContext(TransportOnlyModule, { logger: ['warn', 'error'] });
  const client = app.get(TermiiHttpClient, { strict: false });
  // The client adds the key itself.
  const body = WIRE_BODY();
  delete body.api_key;
  return {
    name: 'module transport only',
    call: () =>
      client.post('generate', '/api/sms/otp/generate', { ...body }, ({ status, body: answer }) =>
        status === 200
          ? { pinId: answer.data.pin_id, otp: answer.data.otp, phoneNumber: answer.data.phone_number }
          : undefined,
      ),
    close: () => app.close(),
  };
}

/**
 * The same POST by hand with undici's Pool.request (Node's own HTTP client project), 128 connections, same
 * timeout. Run twice, as `undici` and as the identical `undici (control)`: the ratio between the two is
 * the benchmark's own error, which should be 1.00 and shows how far any other ratio can be trusted.
 */
function undiciVariant(baseUrl, name = 'undici') {
  const pool = new Pool(baseUrl, { connections: 128 });
  return {
    name,
    call: async () => {
      const { statusCode, body } = await pool.request({
        path: '/api/sms/otp/generate',
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify(WIRE_BODY()),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
      const { data } = await body.json();
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
      return { pinId: data.pin_id, otp: data.otp, phoneNumber: data.phone_number };
    },
    close: () => pool.close(),
  };
}

/** The same POST written by hand on node:http with a keep-alive agent (128 sockets), same timeout and headers. */
function nodeHttpVariant(baseUrl) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const { hostname, port } = new URL(baseUrl);
  return {
    name: 'node:http',
    call: () =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(WIRE_BODY());
        const req = http.request(
          {
            hostname,
            port,
            path: '/api/sms/otp/generate',
            method: 'POST',
            agent,
            timeout: TIMEOUT_MS,
            headers: { ...HEADERS, 'Content-Length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
              const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              resolve({ pinId: data.pin_id, otp: data.otp, phoneNumber: data.phone_number });
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
        req.end(body);
      }),
    close: async () => agent.destroy(),
  };
}

/** The same POST by hand with a bare axios instance: keep-alive agent, same timeout and headers. */
function axiosVariant(baseUrl) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const client = axios.create({
    baseURL: baseUrl,
    timeout: TIMEOUT_MS,
    headers: HEADERS,
    httpAgent: agent,
    maxRedirects: 0,
  });
  return {
    name: 'axios',
    call: async () => {
      const { data } = await client.post('/api/sms/otp/generate', WIRE_BODY());
      return { pinId: data.data.pin_id, otp: data.data.otp, phoneNumber: data.data.phone_number };
    },
    close: async () => agent.destroy(),
  };
}

/** The same POST by hand with Node's own fetch (undici, keep-alive by default), same timeout and headers. */
function fetchVariant(baseUrl) {
  const url = `${baseUrl}/api/sms/otp/generate`;
  return {
    name: 'fetch',
    call: async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify(WIRE_BODY()),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { data } = await res.json();
      return { pinId: data.pin_id, otp: data.otp, phoneNumber: data.phone_number };
    },
    close: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------- measuring

/** Runs `total` calls with `concurrency` in flight; returns wall time, CPU time and each call's latency (ms). */
async function load(call, concurrency, total) {
  const latencies = new Float64Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const started = performance.now();
      const token = await call();
      latencies[i] = performance.now() - started;
      if (token.otp !== '522726') throw new Error('unexpected answer');
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs, cpuUs: user + system, latencies };
}

/**
 * A seeded pseudo-random generator (mulberry32): the variants' order changes from cycle to cycle, and from
 * run to run of the benchmark it is the same.
 */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = seededRandom(0x7e4a11);

/** `0 … n-1` in a random order (Fisher–Yates). */
function shuffled(n) {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Concurrency 1, with the variants interleaved call by call: `perVariant` cycles, each calling every
 * variant once, in a new random order each cycle. Interleaving lets every variant meet the same moments of
 * a machine whose speed drifts, which runs of hundreds of calls in a row do not. The random order matters
 * as much: a call pays for work the previous variant left behind (Node's `fetch` leaves the most), and in a
 * fixed order the same variant would always follow the same one and pay for it alone. Per variant: the
 * time its calls took end to end (what one sequential caller sees: its req/s), the CPU the process spent
 * during them, and each call's latency (ms).
 */
async function loadInterleaved(calls, perVariant) {
  const runs = calls.map(() => ({ wallMs: 0, cpuUs: 0, latencies: new Float64Array(perVariant) }));
  for (let cycle = 0; cycle < perVariant; cycle++) {
    for (const v of shuffled(calls.length)) {
      const run = runs[v];
      const cpu = process.cpuUsage();
      const started = performance.now();
      const token = await calls[v]();
      const ms = performance.now() - started;
      const { user, system } = process.cpuUsage(cpu);
      if (token.otp !== '522726') throw new Error('unexpected answer');
      run.latencies[cycle] = ms;
      run.wallMs += ms;
      run.cpuUs += user + system;
    }
  }
  return runs;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function heapAfterGc() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await tick();
  }
  return process.memoryUsage().heapUsed;
}

/** µs per call of `fn`, median of a few batches, each after the same warm-up. */
async function microbench(fn, iterations, batches = 5) {
  for (let i = 0; i < iterations; i++) await fn();
  const perCall = [];
  for (let b = 0; b < batches; b++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) await fn();
    perCall.push(((performance.now() - started) * 1000) / iterations);
  }
  return { median: median(perCall), min: Math.min(...perCall), max: Math.max(...perCall) };
}

// ---------------------------------------------------------------------------------------------- output

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const fixed = (value, digits = 2) => value.toFixed(digits);

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  const server = await startServer();
  const variants = [
    await moduleVariant(server.url),
    undiciVariant(server.url),
    undiciVariant(server.url, 'undici (control)'),
    nodeHttpVariant(server.url),
    axiosVariant(server.url),
    fetchVariant(server.url),
    ...(process.env.BENCH_LAYERS === '1' ? [await transportOnlyVariant(server.url)] : []),
  ];
  const indexOf = (name) => variants.findIndex((variant) => variant.name === name);
  try {
    // In-process cost of validation plus mapping: the service with a transport that answers at once with
    // Termii's documented body, so no network, no axios, no JSON on the wire is counted.
    const { service } = variants[0];
    const answer = {
      status: 200,
      isJson: true,
      body: {
        status: 'success',
        data: {
          pin_id: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0',
          otp: '522726',
          phone_number: PHONE,
          phone_number_other: 'Termii',
        },
      },
    };
    const verifyAnswer = {
      status: 200,
      isJson: true,
      body: { pinId: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0', verified: 'True', msisdn: PHONE },
    };
    const offline = new InAppTokenService(service.options, {
      post: async (_operation, path, _body, read) => read(path.endsWith('/verify') ? verifyAnswer : answer),
    });
    const generateCost = await microbench(() => offline.generate(INPUT), 20_000);
    // Termii's current answer to a message: the 25-digit id twice, as `message_id` and `message_id_str`.
    const messageAnswer = {
      status: 200,
      isJson: true,
      body: {
        code: 'ok',
        balance: 1047.57,
        message_id: '3017544054459083819856413',
        message: 'Successfully Sent',
        user: 'Termii Test',
        message_id_str: '3017544054459083819856413',
      },
    };
    const offlineMessaging = new MessagingService(service.options, {
      post: async (_operation, _path, _body, read) => read(messageAnswer),
    });
    const sendCost = await microbench(() => offlineMessaging.send(MESSAGE_INPUT), 20_000);
    const verifyCost = await microbench(
      () => offline.verify({ pinId: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0', pin: '522726' }),
      20_000,
    );

    // Warm-up: JIT, sockets opened, lazy paths taken, before anything is measured.
    for (const variant of variants) {
      await load(variant.call, 64, 2000);
      await load(variant.call, 1, 300);
    }
    const heapBefore = await heapAfterGc();
    const serverBefore = await server.stats();
    const roundsStarted = performance.now();
    /** heapAfter[v] = heap in use after GC following each concurrency-64 run of variant v. */
    const heapAfter = variants.map(() => []);

    /** results[c][variant] = per-round { rps, p50, p99, cpuPerReq } */
    const results = Object.fromEntries(CONCURRENCIES.map((c) => [c, variants.map(() => [])]));
    const record = (c, v, { wallMs, cpuUs, latencies }) => {
      latencies.sort();
      results[c][v].push({
        rps: (REQUESTS[c] * 1000) / wallMs,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        cpuPerReq: cpuUs / REQUESTS[c],
      });
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Concurrency 1: call by call, in a new random order each cycle.
      const interleaved = await loadInterleaved(
        variants.map((variant) => variant.call),
        REQUESTS[1],
      );
      interleaved.forEach((run, v) => record(1, v, run));
      // Concurrency 64: one run per variant, back to back, in a new random order each round, each from a
      // collected heap.
      for (const v of shuffled(variants.length)) {
        record(64, v, await load(variants[v].call, 64, REQUESTS[64]));
        heapAfter[v].push(await heapAfterGc());
      }
    }
    const serverAfter = await server.stats();
    const roundsMs = performance.now() - roundsStarted;

    console.log(
      `\nnestjs-termii benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${os.platform()} ${os.release()}`,
    );
    console.log(
      `${ROUNDS} rounds; per round and variant ${REQUESTS[1]} requests at concurrency 1 (variants interleaved call by call) ` +
        `and ${REQUESTS[64]} at 64 (variants one after another); medians over rounds.` +
        (process.env.BENCH_SERVER_DELAY_MS ? ` Server delay ${process.env.BENCH_SERVER_DELAY_MS} ms per answer.` : '') +
        '\n',
    );
    const rows = [];
    /** ratios[c][v] = { rps, p50 }: module ÷ variant v, taken within each round, median over rounds. */
    const ratios = {};
    const spreads = [];
    const range = (values) => `${fixed(Math.min(...values))}–${fixed(Math.max(...values))}`;
    for (const c of CONCURRENCIES) {
      const mod = results[c][0];
      ratios[c] = results[c].map((runs) => ({
        rps: median(mod.map((m, r) => m.rps / runs[r].rps)),
        p50: median(mod.map((m, r) => m.p50 / runs[r].p50)),
      }));
      for (const name of ['undici', 'node:http']) {
        const runs = results[c][indexOf(name)];
        spreads.push(
          `  concurrency ${c}, module÷${name}: req/s ${range(mod.map((m, r) => m.rps / runs[r].rps))}, ` +
            `p50 ${range(mod.map((m, r) => m.p50 / runs[r].p50))}`,
        );
      }
      variants.forEach((variant, v) => {
        const runs = results[c][v];
        const rps = runs.map((x) => x.rps);
        rows.push([
          String(c),
          variant.name,
          `${Math.round(median(rps))} (${Math.round(Math.min(...rps))}–${Math.round(Math.max(...rps))})`,
          fixed(median(runs.map((x) => x.p50)), 3),
          fixed(median(runs.map((x) => x.p99)), 3),
          fixed(median(runs.map((x) => x.cpuPerReq)), 0),
          v === 0 ? '' : fixed(ratios[c][v].rps),
          v === 0 ? '' : fixed(ratios[c][v].p50),
        ]);
      });
    }
    printTable(
      [
        'conc.',
        'variant',
        'req/s (min–max)',
        'p50 ms',
        'p99 ms',
        'client CPU µs/req',
        'req/s module÷variant',
        'p50 module÷variant',
      ],
      rows,
    );

    console.log('\nRatios round by round (min–max over the rounds; the table gives the medians):');
    for (const line of spreads) console.log(line);

    console.log('\nIn-process cost of validation + mapping (no network; median of 5 batches of 20 000 calls):');
    console.log(
      `  generate: ${fixed(generateCost.median)} µs/call (${fixed(generateCost.min)}–${fixed(generateCost.max)})`,
    );
    console.log(`  verify:   ${fixed(verifyCost.median)} µs/call (${fixed(verifyCost.min)}–${fixed(verifyCost.max)})`);
    console.log(
      `  send (MessagingService): ${fixed(sendCost.median)} µs/call (${fixed(sendCost.min)}–${fixed(sendCost.max)})`,
    );

    const heapAfterAll = await heapAfterGc();
    const verdict = (ok) => (ok ? 'met' : 'NOT met');
    // The module's own series: its heap after its first runs against its heap after its last runs, next to
    // how much the series moves from run to run (the noise a real leak would have to stand out from).
    const moduleHeap = heapAfter[0];
    const third = Math.max(1, Math.floor(moduleHeap.length / 3));
    const moduleGrowth = median(moduleHeap.slice(-third)) - median(moduleHeap.slice(0, third));
    const moduleSpread = Math.max(...moduleHeap) - Math.min(...moduleHeap);
    console.log('\nHeap in use after GC:');
    console.log(`  before the rounds: ${mb(heapBefore)}; after them: ${mb(heapAfterAll)}`);
    variants.forEach((variant, v) => {
      const series = heapAfter[v];
      console.log(
        `  after each ${variant.name} run: first ${mb(series[0])}, last ${mb(series.at(-1))}, ` +
          `min ${mb(Math.min(...series))}, max ${mb(Math.max(...series))}`,
      );
    });
    // A leak of ~15 bytes per call would pass 1 MB over the default run's ~75 000 module calls.
    const moduleCalls = ROUNDS * (REQUESTS[1] + REQUESTS[64]);
    const moduleHeapOk = moduleGrowth < HEAP_GROWTH_LIMIT_BYTES;

    const serverCpuUs = serverAfter.cpu.user + serverAfter.cpu.system - serverBefore.cpu.user - serverBefore.cpu.system;
    const served = serverAfter.requests - serverBefore.requests;
    console.log(
      `\nServer (fixed-response node:http, own process), during the rounds: ${served} requests, ` +
        `${fixed(serverCpuUs / served, 0)} µs CPU per request, ${Math.round(serverCpuUs / 10 / roundsMs)} % of one core on average.`,
    );
    console.log('\nTargets:');
    const undici = indexOf('undici');
    const nodeHttp = indexOf('node:http');
    console.log(
      `  req/s module÷undici ≥ 0.80 at concurrency 64: ${fixed(ratios[64][undici].rps)}, ${verdict(ratios[64][undici].rps >= 0.8)}`,
    );
    console.log(
      `  req/s module÷node:http ≥ 1.00 at concurrency 64: ${fixed(ratios[64][nodeHttp].rps)}, ${verdict(ratios[64][nodeHttp].rps >= 1)}`,
    );
    console.log(
      `  p50 module÷undici ≤ 1.10 at concurrency 1: ${fixed(ratios[1][undici].p50)}, ${verdict(ratios[1][undici].p50 <= 1.1)}`,
    );
    console.log(
      `  validation + mapping ≤ 25 µs per call: generate ${fixed(generateCost.median)} µs, ` +
        `send ${fixed(sendCost.median)} µs, ` +
        `${verdict(generateCost.median <= 25 && verifyCost.median <= 25 && sendCost.median <= 25)}`,
    );
    console.log(
      `  no heap growth (< 1 MB): nestjs-termii's heap after its last third of runs vs its first: ` +
        `${moduleGrowth >= 0 ? '+' : ''}${(moduleGrowth / 1024).toFixed(0)} KB over ${moduleCalls} calls ` +
        `(run-to-run spread ${(moduleSpread / 1024).toFixed(0)} KB), ${verdict(moduleHeapOk)}`,
    );
    const control = indexOf('undici (control)');
    const twin = (c, key) => median(results[c][undici].map((u, r) => u[key] / results[c][control][r][key]));
    console.log(
      `  the benchmark's own error, undici ÷ its identical twin (should be 1.00): concurrency 1 p50 ` +
        `${fixed(twin(1, 'p50'))}, concurrency 64 req/s ${fixed(twin(64, 'rps'))}`,
    );
    const transportOnly = indexOf('module transport only');
    if (transportOnly >= 0) {
      console.log(
        `  (BENCH_LAYERS) module ÷ its transport alone, p50 at concurrency 1: ` +
          `${fixed(median(results[1][0].map((m, r) => m.p50 / results[1][transportOnly][r].p50)))}; ` +
          `transport alone ÷ undici: ${fixed(median(results[1][transportOnly].map((t, r) => t.p50 / results[1][undici][r].p50)))}`,
      );
    }
    console.log(`Total time ${fixed((performance.now() - started) / 1000, 1)} s.`);
  } finally {
    for (const variant of variants) await variant.close();
    await server.close();
  }
}

await main();
