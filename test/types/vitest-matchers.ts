// Type checks (tsc, no run): the Vitest matchers' declarations.
import { expect, expectTypeOf } from 'vitest';

import 'mesos-modules/vitest';
import type { Hook, Labels } from 'mesos-modules';

declare const hook: Hook;
declare const call: Promise<Labels | null>;

expectTypeOf(expect(call).toRejectTask(/privileged/)).toEqualTypeOf<Promise<void>>();
expectTypeOf(expect(call).toReturnNone()).toEqualTypeOf<Promise<void>>();
expectTypeOf(expect(call).not.toReturnLabels({ team: 'web' })).toEqualTypeOf<Promise<void>>();
expectTypeOf(expect(call).toReturnLabels([{ key: 'team', value: 'web' }])).toEqualTypeOf<Promise<void>>();
expectTypeOf(expect(call).toSetEnv('A', 'b', 'task')).toEqualTypeOf<Promise<void>>();
expectTypeOf(expect(hook).toHaveLogged(/admitted/, { severity: 'WARNING' })).toEqualTypeOf<void>();
expectTypeOf(expect({ labels: [] } as Labels).toReturnLabels({})).toEqualTypeOf<void>();
expect({}).toEqual({ env: expect.toSetEnv('A') });

// @ts-expect-error -- labels are strings
void expect(call).toReturnLabels({ team: 1 });
// @ts-expect-error -- 'pod' is not task or executor
void expect(call).toSetEnv('A', 'b', 'pod');
// @ts-expect-error -- not a severity
expect(hook).toHaveLogged('x', { severity: 'DEBUG' });
