/**
 * Run after `@nestjs/terminus` is installed (test/consumers/run.mjs): the `nestjs-termii/terminus` entry
 * point resolves to the expected build and its indicator works in a Nest application context.
 */
import 'reflect-metadata';
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TermiiModule } from 'nestjs-termii';
import { TermiiHealthIndicator } from 'nestjs-termii/terminus';

async function main(): Promise<void> {
  assert.match(import.meta.resolve('nestjs-termii/terminus'), /\/dist\/terminus\/index\.js$/, 'the ESM build');
  // Termii's balance endpoint, on loopback.
  const termii = createServer((req, res) => {
    const ok = req.method === 'GET' && (req.url ?? '').startsWith('/api/get-balance?api_key=consumer-key');
    res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(ok ? { balance: '42.5', currency: 'NGN' } : { message: 'Unauthorized' }));
  });
  await new Promise<void>((resolve) => termii.listen(0, '127.0.0.1', resolve));
  const { port } = termii.address() as AddressInfo;

  @Module({
    imports: [TerminusModule, TermiiModule.forRoot({ apiKey: 'consumer-key', baseUrl: `http://127.0.0.1:${port}` })],
    providers: [TermiiHealthIndicator],
  })
  class HealthModule {}

  const app = await NestFactory.createApplicationContext(HealthModule, { logger: ['error'] });
  try {
    const indicator = app.get(TermiiHealthIndicator);
    assert.deepEqual(await indicator.isHealthy('termii', { minBalance: 10 }), {
      termii: { status: 'up', balance: 42.5, currency: 'NGN' },
    });
    assert.deepEqual(await indicator.isHealthy('termii', { minBalance: 100 }), {
      termii: { status: 'down', reason: 'low balance', balance: 42.5, currency: 'NGN', minBalance: 100 },
    });
  } finally {
    await app.close();
    termii.close();
  }
  console.log('nestjs-termii/terminus: TermiiHealthIndicator up and down as expected');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
