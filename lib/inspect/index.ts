// The inspection feature (`mesos-modules inspect`, inspectHost,
// inspectLibrary): what a host's module configuration would load, read in a
// child process that hosts the host's libmesos. One file per job:
// runtime.ts (which libmesos, which version), session.ts (the inspector
// child), backend.ts (Mesos's loader steps over it), report.ts (report
// types), library.ts (records of a library), host.ts (the agent's start-up).

export { inspectHost, resolveHostFlags } from './host.js';
export type { HostFlags, InspectedHook, InspectedInstance, InspectedManifest, InspectHostOptions, InspectReport } from './host.js';
export { inspectLibraries, inspectLibrary } from './library.js';
export type { InspectedLibrary, InspectedModule, LibraryInspection } from './report.js';
export type { InspectorOptions, RuntimeSource, RuntimeUsed } from './runtime.js';
