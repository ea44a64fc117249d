/**
 * Starts the `termii-sandbox` command of the installed package on a free loopback port, boots the app
 * against it, serves one generate over HTTP, checks that invalid input is a TermiiValidationError, and
 * stops everything. Exits 0 only if every check passed.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { InAppTokenService, TermiiError, TermiiValidationError } from 'nestjs-termii';
import { AppModule, TermiiValidationFilter } from './app.module';

function startSandbox(): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(__dirname, '..', 'node_modules', '.bin', 'termii-sandbox');
  const child = spawn(bin, ['--port', '0', '--host', '127.0.0.1', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`termii-sandbox exited early with ${code}`)));
  });
}

function stopSandbox(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      assert.ok(code === 0 || signal === 'SIGTERM', `termii-sandbox stopped with ${code ?? signal}`);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  assert.match(require.resolve('nestjs-termii'), /[\\/]dist[\\/]cjs[\\/]index\.js$/, 'the CommonJS build is loaded');
  const { child, url: sandboxUrl } = await startSandbox();
  let app: INestApplication | undefined;
  try {
    process.env['TERMII_API_KEY'] = 'consumer-key';
    process.env['TERMII_BASE_URL'] = sandboxUrl;
    app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
    app.useGlobalFilters(new TermiiValidationFilter(app.get(HttpAdapterHost).httpAdapter));
    await app.listen(0, '127.0.0.1');
    const appUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const ok = await fetch(`${appUrl}/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+234 810 947 7743' }),
    });
    const token = (await ok.json()) as { pinId?: string; phoneNumber?: string };
    assert.equal(ok.status, 201, JSON.stringify(token));
    assert.match(token.pinId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(token.phoneNumber, '2348109477743');

    const bad = await fetch(`${appUrl}/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: 'not a phone' }),
    });
    assert.equal(bad.status, 400, await bad.text());

    const error = await app
      .get(InAppTokenService)
      .generate({ phoneNumber: 'not a phone' })
      .catch((e: unknown) => e);
    assert.ok(error instanceof TermiiValidationError, 'a TermiiValidationError from the imported class');
    assert.ok(error instanceof TermiiError);
    console.log(`nest12-cjs-node: booted, served one generate through ${sandboxUrl}, answered 400 to invalid input`);
  } finally {
    await app?.close();
    await stopSandbox(child);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
