// `npm run test:sanitize`: the whole test suite under AddressSanitizer and
// UndefinedBehaviorSanitizer, then the native parts LeakSanitizer can judge
// without Node, with leak detection on.
//
// The checkout is copied to build/sanitize/tree (only changed files are
// rewritten, so rebuilds stay incremental) and built there with
// MESOS_MODULES_SANITIZE=ON: the SDK, the addon, the inspector, the example
// and fixture hooks and the SDK's C++ tests. The normal build/ is untouched.
//
// Node itself is not instrumented: the sanitizer runtimes are preloaded into
// it (LD_PRELOAD), leak detection is off there (Node frees little at exit),
// and SIGSEGV stays with the tests that crash hooks on purpose. Every report
// is written to build/sanitize/reports/, whichever process made it (a test
// may expect a child to die), and any report fails the run.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'build', 'sanitize');
const tree = join(work, 'tree');
const reports = join(work, 'reports');
const suppressions = join(root, 'scripts', 'sanitize');

function fail(message) {
  console.error(`test:sanitize: ${message}`);
  process.exit(1);
}

function run(what, cmd, args, options = {}) {
  console.log(`test:sanitize: ${what}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) fail(`${what}: ${r.error.message}`);
  return r.status ?? 1;
}

// The runtime a compiler links, for preloading into Node.
function runtimeLibrary(name) {
  const r = spawnSync('gcc', [`-print-file-name=${name}`], { encoding: 'utf8' });
  const path = r.stdout?.trim();
  if (!path || !path.startsWith('/') || !existsSync(path)) fail(`gcc has no ${name} (install gcc's sanitizer runtimes)`);
  return path;
}

// 1. The copy: the checkout's files (tracked and untracked, not ignored).
function sameContent(a, b) {
  if (!existsSync(b)) return false;
  const x = readFileSync(a);
  const y = readFileSync(b);
  return x.equals(y);
}

function copyCheckout() {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) fail(`git ls-files failed: ${listed.stderr}`);
  const files = listed.stdout.split('\0').filter((f) => f && existsSync(join(root, f)) && lstatSync(join(root, f)).isFile());
  const listFile = join(work, 'files.json');
  const previous = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : [];
  const now = new Set(files);
  for (const f of previous) {
    if (!now.has(f) && existsSync(join(tree, f))) unlinkSync(join(tree, f));
  }
  let changed = 0;
  for (const f of files) {
    const to = join(tree, f);
    if (sameContent(join(root, f), to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(root, f), to);
    changed++;
  }
  writeFileSync(listFile, JSON.stringify(files));
  const modules = join(tree, 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(root, 'node_modules'), modules);
  console.log(`test:sanitize: ${files.length} files in ${tree} (${changed} updated)`);
}

// 2. The instrumented build, in the copy.
function build() {
  const env = {
    ...process.env,
    MESOS_MODULES_SANITIZE: '1',
    CMAKE_BUILD_PARALLEL_LEVEL: process.env.CMAKE_BUILD_PARALLEL_LEVEL ?? '2',
  };
  const steps = [
    [
      'native build (ASan+UBSan)',
      [
        join(tree, 'node_modules/cmake-js/bin/cmake-js'),
        'build',
        '--log-level',
        'warn',
        '--CDMESOS_MODULES_SANITIZE=ON',
        // The suite's options are also the inspector's defaults, for the
        // callers (tests) that start it with an environment of their own.
        ...Object.entries(sanitizerEnv(false)).map(([name, value]) => `--CDMESOS_MODULES_SANITIZE_${name}=${value}`),
      ],
    ],
    // The same dist/ as scripts/ensure.mjs makes (types, tsc, the CLI's mode, the child's bundle).
    ['JavaScript build', [join(tree, 'scripts/build-js.mjs')]],
  ];
  for (const [what, args] of steps) {
    if (run(what, process.execPath, args, { cwd: tree, env }) !== 0) fail(`${what} failed`);
  }
}

function sanitizerEnv(leaks) {
  const asan = [
    `detect_leaks=${leaks ? 1 : 0}`,
    // Hooks that crash on purpose must die of their own signal.
    'handle_segv=0',
    'handle_sigbus=0',
    'handle_sigfpe=0',
    'allow_user_segv_handler=1',
    `log_path=${join(reports, leaks ? 'lsan' : 'asan')}`,
  ];
  const ubsan = ['halt_on_error=1', 'print_stacktrace=1', `suppressions=${join(suppressions, 'ubsan.supp')}`, `log_path=${join(reports, 'ubsan')}`];
  const lsan = [`suppressions=${join(suppressions, 'lsan.supp')}`, 'print_suppressions=0'];
  return {
    ASAN_OPTIONS: asan.join(':'),
    UBSAN_OPTIONS: ubsan.join(':'),
    LSAN_OPTIONS: lsan.join(':'),
  };
}

// The test files that cannot run in the sanitized tree, each with why. Keep
// this short: anything else that fails here is a finding to fix.
const SKIPPED = [
  [
    'test/packed-install.test.ts',
    "`npm pack`'s prepack makes a prebuild of the checkout's build, and scripts/prebuild.mjs refuses a sanitized build (a prebuild must not need the sanitizer runtimes)",
  ],
];

// 3. The suite, in Node with the runtimes preloaded.
function suite() {
  const preload = [runtimeLibrary('libasan.so'), runtimeLibrary('libubsan.so')].join(':');
  const env = { ...process.env, ...sanitizerEnv(false), LD_PRELOAD: preload, MESOS_MODULES_SANITIZE: '1' };
  for (const [file, why] of SKIPPED) console.log(`test:sanitize: skipping ${file}: ${why}`);
  const args = [
    join(tree, 'node_modules/vitest/vitest.mjs'),
    'run',
    ...SKIPPED.flatMap(([file]) => ['--exclude', file]),
    ...process.argv.slice(2).filter((a) => a !== '--native'),
  ];
  return run(`vitest under ASan+UBSan (LD_PRELOAD=${preload})`, process.execPath, args, { cwd: tree, env });
}

// One inspector request frame: a 12-byte header (payload length, id, tag 0)
// and the strings, each a 32-bit length and its bytes.
function inspectorFrame(id, strings) {
  const payload = Buffer.concat(strings.map((s) => {
    const bytes = Buffer.from(s, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length, 0);
    return Buffer.concat([length, bytes]);
  }));
  const header = Buffer.alloc(12);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(id, 4);
  return Buffer.concat([header, payload]);
}

// The JSON text of every answer frame in `bytes`, in order.
function inspectorAnswers(bytes) {
  const answers = [];
  for (let at = 0; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32LE(at);
    answers.push(bytes.subarray(at + 12, at + 12 + length).toString('utf8'));
    at += 12 + length;
  }
  return answers;
}

// 4. Without Node, leak detection on: the SDK's C++ tests, the inspector
// creating hooks from the fixture libraries, and the C++ hook driver calling
// a fixture hook's methods.
function native() {
  const env = { ...process.env, ...sanitizerEnv(true) };
  delete env.LD_PRELOAD;
  const b = join(tree, 'build');
  let failed = 0;
  const check = (what, cmd, args, input, stdio) => {
    console.log(`test:sanitize: ${what} (detect_leaks=1)`);
    const r = spawnSync(cmd, args, { cwd: tree, env, input, encoding: 'utf8', ...(stdio ? { stdio } : {}) });
    if (r.status !== 0) {
      failed++;
      console.error(`test:sanitize: ${what} exited ${r.status ?? r.signal}\n${r.stdout?.slice(-4000)}\n${r.stderr?.slice(-4000)}`);
    }
    return r;
  };
  check('SDK C++ tests', join(b, 'sdk-tests', 'sdk_tests'), []);

  // Every reply of the inspector must be ok.
  const libmesos = join(b, 'sdk', 'lib', 'libmesos.so');
  const requests = [['runtime', libmesos]];
  for (const name of ['test_hook', 'echo_hook', 'reference_hook', 'module_records']) {
    const library = join(b, 'fixtures', `lib${name}.so`);
    requests.push(['open', library], ['records', library]);
  }
  // With and without parameters: the inspector builds a mesos::Parameters
  // for create() and must free it.
  requests.push(['create', join(b, 'fixtures', 'libtest_hook.so'), 'org_mm_TestHook']);
  requests.push(['create', join(b, 'fixtures', 'libtest_hook.so'), 'org_mm_TestHook', 'key', 'value']);
  // The inspector reads request frames on fd 3 and writes answer frames on fd 4
  // (lib/child/frame.ts): here a file of requests and a file for the answers.
  const requestsFile = join(work, 'inspector.requests');
  const answersFile = join(work, 'inspector.answers');
  writeFileSync(requestsFile, Buffer.concat(requests.map((strings, i) => inspectorFrame(i + 1, strings))));
  const requestsFd = openSync(requestsFile, 'r');
  const answersFd = openSync(answersFile, 'w');
  check('inspector', join(b, 'tools', 'mesos-modules-inspector'), [], undefined, ['ignore', 'pipe', 'pipe', requestsFd, answersFd]);
  closeSync(requestsFd);
  closeSync(answersFd);
  const replies = inspectorAnswers(readFileSync(answersFile));
  const refused = replies.filter((line) => !line.startsWith('{"ok":true'));
  if (replies.length !== requests.length || refused.length > 0) {
    failed++;
    console.error(`test:sanitize: inspector answered ${replies.length} of ${requests.length} requests, refused:\n${refused.join('\n')}`);
  }

  const inputs = join(work, 'driver.inputs');
  writeFileSync(
    inputs,
    [
      'taskInfo\t{"name":"t","task_id":{"value":"1"},"slave_id":{"value":"s"},"labels":{"labels":[{"key":"a","value":"b"}]}}',
      'executorInfo\t{"executor_id":{"value":"e"},"command":{"value":"true"}}',
      'frameworkInfo\t{"user":"u","name":"f"}',
      'slaveInfo\t{"hostname":"h"}',
    ].join('\n'),
  );
  check('hook driver', join(b, 'bench', 'hook_bench'), [join(b, 'fixtures', 'libtest_hook.so'), 'org_mm_TestHook', 'slaveRunTaskLabelDecorator', inputs, '0.5', 'parse']);
  return failed;
}

function collectReports() {
  const found = existsSync(reports) ? readdirSync(reports) : [];
  for (const f of found) {
    console.error(`\n=== ${f}\n${readFileSync(join(reports, f), 'utf8').slice(0, 20000)}`);
  }
  return found.length;
}

mkdirSync(tree, { recursive: true });
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
copyCheckout();
build();
// `--native`: only the runs without Node (after the build).
const nativeOnly = process.argv.includes('--native');
const tests = nativeOnly ? 0 : suite();
const natives = native();
const found = collectReports();
if (tests !== 0 || natives !== 0 || found !== 0) {
  fail(`failed: vitest exit ${tests}, ${natives} native run(s) failed, ${found} sanitizer report file(s) in ${reports}`);
}
console.log('test:sanitize: the suite and the native runs passed with no sanitizer report');
