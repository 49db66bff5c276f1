// The bundled SDK as an install prefix: its layout, `mesos-modules sdk`, and
// a hook built the way a hook's build script for a real Mesos builds it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { ModuleManager, ModuleVerifyError, builders, runtime, sdk } from 'mesos-modules';

import { built, describeSdkOnly, expectError, itSdkOnly, root, runCli, userProject } from './helpers.js';

const prefix = built.sdkPrefix;
// A prebuild's prefix also carries the protobuf and glog headers and libraries
// libmesos was built with (lib/mesos/3rdparty), and its mesos.pc names them.
const thirdParty = built.from === 'prebuild';

describeSdkOnly('the SDK prefix', () => {
  it('has Mesos\'s install layout', () => {
    for (const file of [
      'include/mesos/module.hpp',
      'include/mesos/hook.hpp',
      'include/mesos/module/hook.hpp',
      'include/mesos/mesos.hpp',
      'include/mesos/version.hpp',
      'include/mesos/mesos.pb.h',
      'include/mesos/mesos.proto',
      'include/mesos/module/hook.pb.h',
      'include/mesos/module/module.pb.h',
      'include/stout/option.hpp',
      'include/process/future.hpp',
      'lib/libmesos.so',
      'lib/pkgconfig/mesos.pc',
    ]) {
      expect(existsSync(join(prefix, file)), file).toBe(true);
    }
  });

  it('claims 1.11.0 with a prerelease label, so a real 1.11.0 agent refuses its modules', () => {
    const version = readFileSync(join(prefix, 'include/mesos/version.hpp'), 'utf8');
    expect(version).toContain('#define MESOS_VERSION "1.11.0-sdk"');
    expect(version).toContain('#define MESOS_MINOR_VERSION_NUM 11');
    expect(sdk().version).toBe('1.11.0-sdk');
    expect(runtime().mesosVersion).toBe('1.11.0-sdk');
  });
});

describeSdkOnly('mesos-modules sdk', () => {
  let project: string;
  beforeAll(() => {
    project = userProject();
  });

  it('prints the prefix, cflags and libs', () => {
    expect(runCli(project, ['sdk', '--prefix'])).toMatchObject({ status: 0, stdout: `${prefix}\n` });
    const cflags3 = thirdParty ? ` -I${prefix}/lib/mesos/3rdparty/include` : '';
    const libs3 = thirdParty ? ` -L${prefix}/lib/mesos/3rdparty/lib` : '';
    expect(runCli(project, ['sdk', '--cflags']).stdout).toBe(`-I${prefix}/include -D__STDC_FORMAT_MACROS -std=c++17${cflags3}\n`);
    expect(runCli(project, ['sdk', '--libs']).stdout).toBe(`-L${prefix}/lib${libs3} -lmesos -lprotobuf -lglog -lpthread\n`);
  });

  it('prints JSON for scripts', () => {
    const out = JSON.parse(runCli(project, ['sdk', '--json']).stdout);
    expect(out).toMatchObject({ prefix, version: '1.11.0-sdk', pkgConfigPath: `${prefix}/lib/pkgconfig` });
  });

  it('exits 2 on a usage error', () => {
    const result = runCli(project, ['sdk', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--bogus'/);
  });
});

describeSdkOnly("a hook built with a real Mesos hook's build commands", () => {
  const source = `
#include <mesos/hook.hpp>
#include <mesos/module/hook.hpp>
#include <stout/foreach.hpp>

using namespace mesos;

class UserHook : public Hook {
public:
  Result<Labels> slaveRunTaskLabelDecorator(const TaskInfo& task, const ExecutorInfo&,
      const FrameworkInfo& framework, const SlaveInfo&) override {
    Labels labels = task.labels();
    Label* label = labels.add_labels();
    label->set_key("framework");
    label->set_value(framework.name());
    return labels;
  }
};

static Hook* create(const Parameters&) { return new UserHook(); }

mesos::modules::Module<Hook> com_example_UserHook(
    MESOS_MODULE_API_VERSION, MESOS_VERSION, "Example", "dev@example.com",
    "A user's hook.", nullptr, create);
`;

  function loadAndCall(library: string) {
    return (async () => {
      const manager = await ModuleManager.load({ libraries: [{ file: library, modules: [{ name: 'com_example_UserHook' }] }] });
      const hook = await manager.createHook('com_example_UserHook');
      return hook.slaveRunTaskLabelDecorator({
        taskInfo: builders.taskInfo({ labels: { labels: [{ key: 'a', value: '1' }] } }),
        executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo({ name: 'marathon' }),
        slaveInfo: builders.slaveInfo(),
      });
    })();
  }

  const expected = { labels: [{ key: 'a', value: '1' }, { key: 'framework', value: 'marathon' }] };

  it('builds with -I$P/include -L$P/lib -lmesos (MESOS_HOME style) and loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-userhook-'));
    writeFileSync(join(dir, 'user_hook.cpp'), source);
    const library = join(dir, 'libuser_hook.so');
    execFileSync('g++', ['-std=c++17', '-fPIC', '-shared', `-I${prefix}/include`, '-o', library, join(dir, 'user_hook.cpp'), `-L${prefix}/lib`, '-lmesos']);
    await expect(loadAndCall(library)).resolves.toEqual(expected);
  });

  it('builds with `pkg-config --cflags --libs mesos` and -Wl,--no-undefined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-userhook-'));
    writeFileSync(join(dir, 'user_hook.cpp'), source);
    const library = join(dir, 'libuser_hook.so');
    const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'mesos'], {
      encoding: 'utf8',
      env: { ...process.env, PKG_CONFIG_PATH: `${prefix}/lib/pkgconfig` },
    }).trim().split(/\s+/);
    const build = spawnSync('g++', ['-fPIC', '-shared', '-Wl,--no-undefined', '-o', library, join(dir, 'user_hook.cpp'), ...flags], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    await expect(loadAndCall(library)).resolves.toEqual(expected);
  });

  it('is refused by an agent of the release version it claims to be', async () => {
    const manager = new ModuleManager({ mesosVersion: '1.11.0' });
    const error = await manager
      .load({ libraries: [{ file: join(root, 'build/examples/libdocker_policy.so'), modules: [{ name: 'org_example_DockerPolicy' }] }] })
      .catch((e: unknown) => e);
    expectError(error, ModuleVerifyError, 'MODULE_VERIFY',
      "Error verifying module 'org_example_DockerPolicy': Minimum supported mesos version for 'Hook' is 1.11.0, " +
        'but module is compiled with version 1.11.0-sdk',
    );
  });
});

describe('runtime() on the bundled SDK', () => {
  itSdkOnly('reports the bundled SDK and its libmesos', () => {
    const r = runtime();
    expect(r.mode).toBe('sdk');
    expect(r.mesosVersion).toBe('1.11.0-sdk');
    expect(r.moduleApiVersion).toBe('2');
    expect(r.library).toBe(`${built.sdkPrefix}/lib/libmesos.so`);
  });
});
