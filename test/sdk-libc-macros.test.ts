// Tolerant headers: a hook whose own code includes a C header that
// macro-defines libc names (test/fixtures/include/ruby_like.h, modelled on
// ruby.h's memcpy) before the Mesos headers compiles against the SDK (the
// fixture build fails otherwise) and its macros still apply to its own code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ModuleManager, builders, runtime } from 'mesos-modules';

import { built, fixture, manifestFor } from './helpers.js';

const MODULE = 'org_mm_LibcMacros';

describe('a hook that includes a libc-macro C header before the Mesos headers', () => {
  it('loads and runs its own code with the macros in force', async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('libc_macros_hook'), { [MODULE]: [] }));
    const hook = await manager.createHook(MODULE);
    const result = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo({ labels: builders.labels({ team: 'web' }) }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(result).toEqual({
      labels: [
        { key: 'team', value: 'web' },
        {
          key: 'libc_macros',
          value: `1 labels, first 'team' as JSON {"key":"libc_macros","value":"1 labels, first 'team'"}`,
        },
      ],
    });
  });

  it.runIf(runtime().mode === 'sdk')('the SDK brackets protobuf code with the libc-name region, generated headers included', () => {
    const prefix = join(built.sdkPrefix, 'include');
    const begin = readFileSync(join(prefix, 'mesos/sdk/libc_names_begin.hpp'), 'utf8');
    for (const name of ['memcpy', 'memmove', 'memset', 'snprintf', 'vsnprintf', 'strlen']) {
      expect(begin).toContain(`#pragma push_macro("${name}")\n#undef ${name}\n`);
    }
    for (const header of ['mesos/mesos.pb.h', 'mesos/module/hook.pb.h', 'stout/protobuf.hpp', 'process/protobuf.hpp']) {
      const text = readFileSync(join(prefix, header), 'utf8');
      expect(text, header).toContain('#include <mesos/sdk/libc_names_begin.hpp>');
      expect(text.indexOf('libc_names_end.hpp'), header).toBeGreaterThan(text.indexOf('libc_names_begin.hpp'));
    }
  });
});
