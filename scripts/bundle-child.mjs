// Bundles isolated mode's child script (dist/lib/isolate-child.js and every
// module it imports, @bufbuild/protobuf included) into one CommonJS file,
// dist/lib/isolate-child.bundle.cjs, with rolldown. Node then starts the child
// from one file instead of resolving and evaluating a hundred ES modules,
// which is most of a cold child's start-up (bench/isolate.mjs measures both).
// Beside it, isolate-child.bundle.json lists the files the bundle was made
// from with a digest of each, so lib/isolate.ts can tell a bundle that no
// longer matches its sources (file times cannot: npm gives an installed
// package's files the time they were unpacked) and start the plain entry. Run by scripts/ensure.mjs after the TypeScript
// build; the bundle is a build product (not in git), shipped in the tarball.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'lib');

export async function bundleChild() {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: join(dist, 'isolate-child.js'),
    platform: 'node',
    logLevel: 'warn',
  });
  const { output } = await bundle.write({
    file: join(dist, 'isolate-child.bundle.cjs'),
    format: 'cjs',
    codeSplitting: false,
  });
  await bundle.close();
  const chunk = output.find((o) => o.type === 'chunk');
  // The package's own modules (dependencies change only with the lock, which
  // rebuilds dist/ anyway), relative to dist/lib.
  const sources = Object.fromEntries(
    Object.keys(chunk.modules)
      .filter((id) => id.startsWith(dist) && !id.includes('node_modules'))
      .sort()
      .map((id) => [relative(dist, id), createHash('sha256').update(readFileSync(id)).digest('hex')]),
  );
  writeFileSync(join(dist, 'isolate-child.bundle.json'), `${JSON.stringify({ sources }, null, 2)}\n`);
  return { sources: Object.keys(sources).length, bytes: statSync(join(dist, 'isolate-child.bundle.cjs')).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { sources, bytes } = await bundleChild();
  console.log(`isolate-child.bundle.cjs: ${sources} modules of the package, ${bytes} bytes`);
}
