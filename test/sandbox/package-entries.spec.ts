/**
 * The published shape: each `exports` entry loads from the built output in a fresh Node process, and the
 * `termii-sandbox` command starts, answers and stops. The build goes to a private folder under `.tmp/`
 * (ignored by git), so that it neither needs nor disturbs `dist/`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verifyTermiiSignature } from '../../lib/webhooks/index.js';
import { startScriptedServer } from '../support/scripted-server.js';

const run = promisify(execFile);
const repo = process.cwd();

describe('the built package', () => {
  let root: string;

  beforeAll(async () => {
    await mkdir(join(repo, '.tmp'), { recursive: true });
    // Inside the repository, so that the build's imports of @nestjs/* resolve from its node_modules.
    root = await mkdtemp(join(repo, '.tmp', 'entries-'));
    await copyFile(join(repo, 'package.json'), join(root, 'package.json'));
    await run(process.execPath, [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(repo, 'tsconfig.build.json'),
      '--outDir',
      join(root, 'dist'),
    ]);
  }, 120_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('declares ".", "./testing", "./sandbox" and "./webhooks", each for import (ESM) and require (CommonJS) with types first and a default', async () => {
    const { exports } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, Record<string, string>>>;
    };
    for (const entry of ['.', './testing', './sandbox', './webhooks']) {
      expect(Object.keys(exports[entry])).toEqual(['import', 'require']);
      expect(Object.keys(exports[entry]['import'])).toEqual(['types', 'default']);
      expect(Object.keys(exports[entry]['require'])).toEqual(['types', 'default']);
      expect(exports[entry]['require']['default']).toMatch(/^\.\/dist\/cjs\//);
    }
  });

  it.each([
    ['nestjs-termii', ['TermiiModule', 'InAppTokenService', 'TermiiError']],
    ['nestjs-termii/testing', ['TermiiTestingModule', 'TermiiTestingController', 'TermiiFaults']],
    ['nestjs-termii/sandbox', ['startTermiiSandbox', 'TermiiEmulator', 'TermiiFaults', 'TermiiEventSender']],
    ['nestjs-termii/webhooks', ['TermiiWebhooksModule', 'OnTermiiEvent', 'signTermiiEvent', 'termiiDeliveryReport']],
  ])(
    '%s loads in a fresh Node process',
    async (specifier, names) => {
      const script = `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
      expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(names));
    },
    30_000,
  );

  it('termii-sandbox prints its URL, answers, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(root, 'dist/sandbox/cli.js'), '--port', '0', '--quiet'], { cwd: root });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const res = await fetch(`${url}/api/sms/otp/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          api_key: 'k',
          pin_type: 'NUMERIC',
          phone_number: '2348109477743',
          pin_attempts: 3,
          pin_time_to_live: 0,
          pin_length: 4,
        }),
      });
      expect(res.status).toBe(200);
      await res.text();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      await expect(exited).resolves.toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('termii-sandbox --webhook-url posts signed delivery reports, the secret coming from the environment', async () => {
    const secret = 'whsecCanary-cli-8e12f0';
    const webhook = await startScriptedServer((_req, res) => res.writeHead(200).end('{"received":true}'));
    const child = spawn(
      process.execPath,
      [join(root, 'dist/sandbox/cli.js'), '--port', '0', '--webhook-url', `${webhook.url}/termii/events`],
      { cwd: root, env: { ...process.env, TERMII_SANDBOX_WEBHOOK_SECRET: secret } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const res = await fetch(`${url}/api/sms/otp/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: 'k', phone_number: '2348109477743', code: 48213 }),
      });
      const messageId = ((await res.json()) as { message_id: string }).message_id;
      while (webhook.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const [report] = webhook.requests;
      expect(report.json).toMatchObject({ type: 'outbound', message_id: messageId, status: 'Delivered' });
      expect(verifyTermiiSignature(report.text, report.headers['x-termii-signature'], secret)).toBe(true);
      expect(out).toContain(`Delivery reports go to ${webhook.url}/termii/events`);
      expect(out).not.toContain(secret);
    } finally {
      child.kill('SIGKILL');
      await webhook.close();
    }
  }, 30_000);

  it('termii-sandbox --webhook-url without TERMII_SANDBOX_WEBHOOK_SECRET exits 2 and says so; --help names both', async () => {
    const env = { ...process.env };
    delete env['TERMII_SANDBOX_WEBHOOK_SECRET'];
    const cli = join(root, 'dist/sandbox/cli.js');
    const failed = await run(process.execPath, [cli, '--webhook-url', 'http://127.0.0.1:1/e'], {
      cwd: root,
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--webhook-url needs TERMII_SANDBOX_WEBHOOK_SECRET'),
    });
    const { stdout } = await run(process.execPath, [cli, '--help'], { cwd: root });
    expect(stdout).toContain('--webhook-url');
    expect(stdout).toContain('TERMII_SANDBOX_WEBHOOK_SECRET');
  }, 30_000);

  it('starts the CLI with a shebang so that npm can link it as a command', async () => {
    expect((await readFile(join(root, 'dist/sandbox/cli.js'), 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
