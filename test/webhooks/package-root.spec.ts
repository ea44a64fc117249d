import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every lib/ file `entry` reaches through relative imports (static and dynamic), `entry` included. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      pending.push(resolve(dirname(file), `${match[1]}.ts`));
    }
  }
  return seen;
}

describe('the package root', () => {
  const lib = join(process.cwd(), 'lib');

  it('does not import the webhooks entry (nor anything under lib/webhooks/)', () => {
    const files = [...reachable(join(lib, 'index.ts'))].map((f) => relative(lib, f));
    expect(files).toContain('in-app-token/in-app-token.service.ts');
    expect(files.filter((f) => f.startsWith('webhooks/'))).toEqual([]);
  });

  it('the webhooks entry reaches its own files, the shared errors, the options resolver and the lossless id readers only', () => {
    const files = [...reachable(join(lib, 'webhooks', 'index.ts'))].map((f) => relative(lib, f));
    expect(files).toContain('webhooks/termii-webhooks.module.ts');
    // The id readers every product shares; they import nothing, so they bring nothing of the package root.
    const idReaders = ['common/lossless-json.ts', 'common/message-id.ts'];
    for (const reader of idReaders) expect([...reachable(join(lib, reader))]).toHaveLength(1);
    const shared = new Set(['common/resolving-options.ts', ...idReaders]);
    expect(files.filter((f) => !f.startsWith('webhooks/') && !f.startsWith('errors/') && !shared.has(f))).toEqual([]);
  });
});
