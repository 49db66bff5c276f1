// Compiled into the inspector only in a sanitizer build (scripts/sanitize.mjs).
//
// A caller may start the inspector with an environment of its own choosing
// (inspectLibrary's `env`, which the tests strip to PATH), so the sanitizer
// options the script sets would not reach it: these defaults are the same
// options, so a module that crashes on purpose still ends the inspector with
// its own signal, and any report lands in the script's report directory.
// Options in the environment still win over these.

#ifndef MESOS_MODULES_ASAN_DEFAULTS
#error "MESOS_MODULES_ASAN_DEFAULTS is defined by src-native/inspector/CMakeLists.txt"
#endif

extern "C" const char* __asan_default_options()
{
  return MESOS_MODULES_ASAN_DEFAULTS;
}

extern "C" const char* __ubsan_default_options()
{
  return MESOS_MODULES_UBSAN_DEFAULTS;
}

extern "C" const char* __lsan_default_options()
{
  return MESOS_MODULES_LSAN_DEFAULTS;
}
