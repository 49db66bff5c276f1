// Type checks (tsc, no run): the Jest matchers' declarations with @jest/globals.
import { expect } from '@jest/globals';

import 'mesos-modules/jest';
import type { Hook, Labels } from 'mesos-modules';

declare const hook: Hook;
declare const call: Promise<Labels | null>;

const a: Promise<void> = expect(call).toRejectTask('privileged');
const b: Promise<void> = expect(call).not.toReturnNone();
const c: Promise<void> = expect(call).toReturnLabels({ team: 'web' });
const d: Promise<void> = expect(call).toSetEnv('A');
const e: void = expect(hook).toHaveLogged(/admitted/);
expect({}).toEqual({ labels: expect.toReturnLabels({ team: 'web' }) });

// @ts-expect-error -- toSetEnv takes a variable name
void expect(call).toSetEnv(1);
void [a, b, c, d, e];
