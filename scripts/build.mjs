// Compiles apps, libs and benches with SWC (decorator metadata for Nest DI, @app/* aliases
// rewritten to relative paths) into dist/. Type checking is `npm run typecheck`'s job.
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist');
const sources = ['apps', 'libs', 'bench', 'test/support'];

async function* walk(dir) {
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    baseUrl: root,
    paths: {
      '@app/domain': ['./libs/domain/src/index.ts'],
      '@app/event-store': ['./libs/event-store/src/index.ts'],
      '@app/recording': ['./libs/recording/src/index.ts'],
      '@app/projections': ['./libs/projections/src/index.ts'],
      '@app/survival': ['./libs/survival/src/index.ts'],
      '@app/access': ['./libs/access/src/index.ts'],
    },
    keepClassNames: true,
  },
  module: { type: 'es6', resolveFully: true },
  sourceMaps: true,
};

await rm(out, { recursive: true, force: true });
let count = 0;
for (const dir of sources) {
  for await (const file of walk(join(root, dir))) {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(target), file) });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code + `\n//# sourceMappingURL=${target.split('/').pop()}.map`);
    if (map) await writeFile(target + '.map', map);
    count++;
  }
}
await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
if (process.env.BUILD_VERBOSE) console.log(`built ${count} files into dist/`);
