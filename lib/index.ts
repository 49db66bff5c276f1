// mesos-modules: load Apache Mesos Hook modules into Node and call them.

export { ModuleManager, MODULE_KINDS, MODULE_API_VERSION } from './manager.js';
export type { ModuleInfo, ModuleManagerOptions } from './manager.js';
export { Hook, HOOK_METHODS, DEFAULT_TIMEOUT, DEFAULT_LOG_LIMIT } from './hook.js';
export type { HookMethod, HookArgs, HookResult, CallOptions, HookOptions, LogRecord } from './hook.js';
export { parseManifest, lintManifest } from './manifest.js';
export type {
  ManifestSource,
  Modules,
  ManifestLibrary,
  ManifestModule,
  ManifestLintIssue,
  Parameter,
  ParsedManifest,
} from './manifest.js';
export { inspectHost, inspectLibrary, inspectLibraries, resolveHostFlags } from './inspect/index.js';
export type {
  HostFlags,
  InspectHostOptions,
  InspectReport,
  InspectedHook,
  InspectedInstance,
  InspectedLibrary,
  InspectedManifest,
  InspectedModule,
  InspectorOptions,
  LibraryInspection,
  RuntimeSource,
  RuntimeUsed,
} from './inspect/index.js';
export * from './errors.js';
export type * from './messages.js';
export * as builders from './builders.js';
export { matchers, formatLogRecord } from './matchers.js';
export type { EnvTarget, LogFilter, MatcherContext, MatcherResult, MesosAsymmetricMatchers, MesosMatchers, Settled } from './matchers.js';
export { runtime, sdk, setLogEcho } from './runtime.js';
export type { RuntimeInfo, SdkInfo } from './runtime.js';
export { parseVersion, formatVersion, compareVersions } from './version.js';
export type { Version } from './version.js';
export { IsolatedModuleManager } from './manager.js';
export { DEFAULT_SETUP_TIMEOUT } from './isolate.js';
export { HookPipeline, parseHookList } from './pipeline.js';
export type { LaunchInput, LaunchVerdict, MasterLaunchResult, PipelineLogLine } from './pipeline.js';
export * as arbitraries from './arbitraries.js';
export type { TaskInfoKnobs } from './arbitraries.js';
