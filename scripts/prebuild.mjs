// `npm run prebuild` (and `prepack`): makes prebuilds/linux-x64/ with
// prebuildify, so that installing the package compiles nothing:
//
//   mesos-modules.node           the Node-API addon (node-gyp-build loads it)
//   mesos-modules-inspector      the inspector (lib/inspect.ts)
//   mesos-modules-child          the isolated mode's native child (links
//                                sdk/lib/libmesos.so through $ORIGIN, as the addon)
//   build-info.json              what the prebuild hosts, paths relative to it
//   sdk/                         the bundled SDK as a Mesos install prefix:
//     include/                   mesos, stout, process headers, generated .pb.h
//     lib/libmesos.so
//     lib/pkgconfig/mesos.pc     relocatable (${pcfiledir})
//     lib/mesos/3rdparty/include protobuf, glog and gflags headers libmesos was built with
//     lib/mesos/3rdparty/lib     the shared libraries libmesos needs that a plain
//                                Debian/Ubuntu lacks, with linker scripts for
//                                their development names (npm drops symlinks)
//
// Every binary finds what it needs through $ORIGIN: the addon, the child and
// libmesos are linked so (CMakeLists.txt), the copied libraries are set so with patchelf.
// prebuildify drives the build through this same script (`--backend`, in
// node-gyp's place): it brings the checkout's own build up to date
// (scripts/ensure.mjs, incremental) and stages its addon, SDK, inspector and child,
// so the SDK is compiled once for tests and prebuild alike. When no input
// changed since the last prebuild, nothing runs.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { inputsDigest } from './inputs-digest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const self = fileURLToPath(import.meta.url);

const work = join(root, 'build', 'prebuild'); // prebuildify's cwd
const build = join(root, 'build'); // the checkout's own build (scripts/ensure.mjs)
const stage = join(work, 'stage'); // copied beside the addon by prebuildify
const stampFile = join(work, '.stamp');
const target = `${process.platform}-${process.arch}`;
const out = join(root, 'prebuilds', target);
const addonName = 'mesos-modules.node';

// Libraries every glibc system with Node has (Debian priority required): not
// copied. Everything else libmesos needs is.
const baseLibraries = /^(linux-vdso|ld-linux[-\w]*|libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|libz|liblzma)\.so/;
// Debian packages whose headers libmesos was built with.
const headerPackages = ['libprotobuf-dev', 'libgoogle-glog-dev', 'libgflags-dev'];

function fail(message) {
  console.error(`mesos-modules prebuild: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function output(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** soname → path of what `ldd` resolves for a binary. */
function dependencies(binary) {
  const found = new Map();
  for (const line of output('ldd', [binary]).split('\n')) {
    const m = /^\s*(\S+) => (\/\S+)/.exec(line);
    if (m) found.set(m[1], m[2]);
    else if (/=> not found/.test(line)) fail(`${binary} needs ${line.trim()}`);
  }
  return found;
}

function digest() {
  return inputsDigest(root, {
    dirs: ['src-native', 'sdk', 'cmake'],
    files: ['CMakeLists.txt', 'package.json', 'scripts/prebuild.mjs', 'scripts/inputs-digest.mjs'],
    extra: [process.version, output('ldd', ['--version']).split('\n')[0], output('dpkg-query', ['-W', ...headerPackages])],
  });
}

// --- The backend prebuildify runs as `node-gyp rebuild …` -------------------

function backend() {
  run(process.execPath, [join(root, 'scripts', 'ensure.mjs')], { cwd: root });
  const info = JSON.parse(readFileSync(join(build, 'tools', 'build-info.json'), 'utf8'));
  const cache = readFileSync(join(build, 'CMakeCache.txt'), 'utf8');
  if (info.mode !== 'sdk') fail(`the build is against a real Mesos (${info.prefix}); a prebuild carries the bundled SDK: unset MESOS_HOME`);
  if (/^MESOS_MODULES_SANITIZE:BOOL=ON$/m.test(cache)) fail('the build is sanitized (MESOS_MODULES_SANITIZE); a prebuild is not');
  // The addon where prebuildify looks for it (it moves it to prebuilds/).
  mkdirSync(join(work, 'build', 'Release'), { recursive: true });
  cpSync(join(build, 'Release', 'mesos_modules.node'), join(work, 'build', 'Release', 'mesos_modules.node'));

  rmSync(stage, { recursive: true, force: true });
  const prefix = join(stage, 'sdk');
  const built = join(build, 'sdk');
  const libdir = join(prefix, 'lib');
  const thirdLib = join(libdir, 'mesos', '3rdparty', 'lib');
  const thirdInclude = join(libdir, 'mesos', '3rdparty', 'include');
  mkdirSync(join(libdir, 'pkgconfig'), { recursive: true });
  mkdirSync(thirdLib, { recursive: true });
  mkdirSync(thirdInclude, { recursive: true });

  cpSync(join(built, 'include'), join(prefix, 'include'), { recursive: true, dereference: true });
  cpSync(join(built, 'lib', 'libmesos.so'), join(libdir, 'libmesos.so'));
  run('strip', ['--strip-unneeded', join(libdir, 'libmesos.so')]);

  // The shared libraries outside the base system, and theirs, in 3rdparty/lib.
  const pending = [join(built, 'lib', 'libmesos.so')];
  const copied = new Set();
  while (pending.length > 0) {
    for (const [soname, path] of dependencies(pending.pop())) {
      if (baseLibraries.test(soname) || copied.has(soname) || soname === 'libmesos.so') continue;
      copied.add(soname);
      const dest = join(thirdLib, soname);
      cpSync(path, dest, { dereference: true });
      chmodSync(dest, 0o755);
      run('patchelf', ['--set-rpath', '$ORIGIN', dest]);
      // The development name a hook links with (-lprotobuf): a linker script,
      // since npm pack keeps no symlinks.
      writeFileSync(join(thirdLib, soname.replace(/\.so\..*$/, '.so')), `INPUT(${soname})\n`);
      pending.push(path);
    }
  }

  // The headers of the packages libmesos was built with, as they are installed.
  for (const pkg of headerPackages) {
    for (const file of output('dpkg', ['-L', pkg]).split('\n')) {
      if (!file.startsWith('/usr/include/') || !statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      const dest = join(thirdInclude, relative('/usr/include', file));
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(file, dest, { dereference: true });
    }
  }

  // mesos.pc, relocatable, with the module dependencies' flags as Mesos's
  // --enable-install-module-dependencies adds them.
  const pc = readFileSync(join(built, 'lib', 'pkgconfig', 'mesos.pc'), 'utf8')
    .replace(/^prefix=.*$/m, 'prefix=${pcfiledir}/../..')
    .replace(/^(Cflags:.*)$/m, '$1 -I${libdir}/mesos/3rdparty/include')
    .replace(/^Libs: -L\$\{libdir\} -lmesos (.*)$/m, 'Libs: -L${libdir} -L${libdir}/mesos/3rdparty/lib -lmesos $1');
  if (!pc.includes('${pcfiledir}') || !pc.includes('3rdparty/lib')) fail(`unexpected ${join(built, 'lib', 'pkgconfig', 'mesos.pc')}`);
  writeFileSync(join(libdir, 'pkgconfig', 'mesos.pc'), pc);

  cpSync(join(build, 'tools', 'mesos-modules-inspector'), join(stage, 'mesos-modules-inspector'));
  run('strip', ['--strip-unneeded', join(stage, 'mesos-modules-inspector')]);
  // The native child beside the addon: its run path ($ORIGIN/sdk/lib,
  // $ORIGIN/sdk/lib/mesos/3rdparty/lib) finds the staged SDK as the addon's does.
  cpSync(join(build, 'tools', 'mesos-modules-child'), join(stage, 'mesos-modules-child'));
  run('strip', ['--strip-unneeded', join(stage, 'mesos-modules-child')]);
  writeFileSync(
    join(stage, 'build-info.json'),
    `${JSON.stringify({ mode: 'sdk', prefix: 'sdk', libmesos: 'sdk/lib/libmesos.so', libraries: [...copied].sort() }, null, 2)}\n`,
  );
}

// --- The prebuild ------------------------------------------------------------

async function prebuild() {
  if (process.platform !== 'linux' || process.arch !== 'x64') fail(`prebuilds are made on linux-x64, not ${target}`);
  for (const tool of ['patchelf', 'strip', 'ldd', 'dpkg']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) fail(`needs ${tool} (apt-get install patchelf binutils)`);
  }
  const before = digest();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === before && existsSync(join(out, addonName))) {
    return;
  }
  if (checkOnly || process.env.PREBUILDS_ONLY) {
    fail(`${relative(root, out)} is missing or older than its sources, and PREBUILDS_ONLY forbids compiling the addon or the SDK: run \`npm run prebuild\` first`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const prebuildify = require('prebuildify');
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  await new Promise((resolve, reject) =>
    prebuildify(
      {
        cwd: work,
        out: root,
        name: 'mesos-modules',
        napi: true,
        strip: true,
        shell: '/bin/sh',
        nodeGyp: `${quote(process.execPath)} ${quote(self)} --backend`,
        artifacts: stage,
      },
      (err) => (err ? reject(err) : resolve()),
    ),
  ).catch((err) => fail(err.message));
  if (!existsSync(join(out, addonName))) fail(`prebuildify made no ${join(out, addonName)}`);
  // The addon must find every library inside the prebuild.
  for (const [soname, path] of dependencies(join(out, addonName))) {
    if (!baseLibraries.test(soname) && !path.startsWith(`${out}/`)) fail(`${addonName} resolves ${soname} outside the prebuild (${path})`);
  }
  if (digest() === before) writeFileSync(stampFile, before);
  const size = readdirSync(out, { recursive: true })
    .map((f) => statSync(join(out, f)))
    .filter((s) => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);
  console.log(`mesos-modules prebuild: ${relative(root, out)} (${(size / 1048576).toFixed(1)} MiB)`);
}

// --check: only say whether the prebuild is current (exit 1 if not).
const checkOnly = process.argv[2] === '--check';
if (process.argv[2] === '--backend') backend();
else await prebuild();
