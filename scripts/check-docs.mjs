// Checks the documentation as CI does: every relative link and `#anchor` in README.md, CONTRIBUTING.md and
// docs/ resolves, and every ```ts block type-checks against the built package (`npm run build` first).
// A block that is deliberately partial says so on the line before it: <!-- example: partial -->
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARTIAL = '<!-- example: partial -->';
const OUT = join(root, '.tmp', 'doc-examples');

function markdownFiles() {
  const files = ['README.md', 'CONTRIBUTING.md'].filter((file) => existsSync(join(root, file)));
  const walk = (folder) => {
    for (const entry of readdirSync(join(root, folder))) {
      const path = join(folder, entry);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (entry.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return files;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown) {
  const anchors = new Set();
  const seen = new Map();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1]
      .trim()
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Markdown without its fenced blocks and inline code, where links are not links. */
function prose(markdown) {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

const problems = [];
const files = markdownFiles();
const anchorCache = new Map();
const anchorsFor = (file) => {
  if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(join(root, file), 'utf8')));
  return anchorCache.get(file);
};

for (const file of files) {
  const text = prose(readFileSync(join(root, file), 'utf8'));
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
    const [path, anchor] = target.split('#');
    const targetFile = path === '' ? file : relative(root, resolve(dirname(join(root, file)), path));
    if (!existsSync(join(root, targetFile))) {
      problems.push(`${file}: link to ${target}: ${targetFile} does not exist`);
      continue;
    }
    if (anchor !== undefined && targetFile.endsWith('.md') && !anchorsFor(targetFile).has(anchor)) {
      problems.push(`${file}: link to ${target}: no heading #${anchor} in ${targetFile}`);
    }
  }
}

// The ```ts blocks, each a module of its own.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const examples = [];
for (const file of files) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    const partial = lines.slice(Math.max(0, i - 2), i).some((line) => line.trim() === PARTIAL);
    if (!partial) {
      const name = `${file.replace(/[^A-Za-z0-9]+/g, '_')}_line${i + 1}.ts`;
      const code = lines.slice(i + 1, end).join('\n');
      writeFileSync(join(OUT, name), `${code}\n${/^\s*(import|export)\s/m.test(code) ? '' : 'export {};\n'}`);
      examples.push({ name, where: `${file}:${i + 1}` });
    }
    i = end;
  }
}
writeFileSync(
  join(OUT, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
      },
      include: ['*.ts'],
    },
    null,
    2,
  ),
);
if (examples.length > 0) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', OUT], {
    cwd: root,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) {
    const byName = new Map(examples.map((example) => [example.name, example.where]));
    for (const line of tsc.stdout.split('\n').filter((l) => /error TS/.test(l))) {
      const name = line.split('(')[0].split('/').at(-1);
      problems.push(`${byName.get(name) ?? name}: ${line.replace(/^[^:]*: /, '')}`);
    }
    if (!problems.length) problems.push(tsc.stdout || tsc.stderr);
  }
}

if (problems.length > 0) {
  console.error(`The documentation has ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `docs: ${files.length} file(s), links and anchors resolve, ${examples.length} TypeScript example(s) compile`,
);
