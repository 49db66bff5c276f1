// The codes of every native failure, named once for the addon and the
// inspector. lib/native.ts types them as the closed union NativeErrorCode and
// lib/errors.ts fromNative() turns each into its error class; a test compares
// the addon's list (addon.errorCodes) with the TS one.
#pragma once

#include <cstddef>

namespace mesos_modules {

// X(name): one entry per code; the JS `code` is the name.
#define MESOS_MODULES_ERROR_CODES(X)                                          \
  X(RUNTIME)          /* the runtime libmesos is missing or failed to load */ \
  X(DLOPEN)           /* dlopen() refused a module library */                 \
  X(DLSYM)            /* a module symbol is not in its library */             \
  X(NOT_A_MODULE)     /* the symbol is not a readable module record */        \
  X(NOT_OPEN)         /* a request named a library that is not open */        \
  X(NO_CREATE)        /* the record has no create() */                        \
  X(MODULE_EXCEPTION) /* compatible() or create() threw */                    \
  X(PARAMETERS)       /* the runtime could not build mesos::Parameters */     \
  X(BAD_MESSAGE)      /* an argument or parameter did not parse */            \
  X(PROTOCOL)         /* a malformed request to the inspector */              \
  X(ELF)              /* a library's ELF file could not be read */ \
  X(INTERNAL)         /* lib/ called the addon in a way it never should */

enum class ErrorCode
{
#define MESOS_MODULES_ERROR_ENUM(name) name,
  MESOS_MODULES_ERROR_CODES(MESOS_MODULES_ERROR_ENUM)
#undef MESOS_MODULES_ERROR_ENUM
};

// The code's name, as JS sees it.
inline const char* errorCodeName(ErrorCode code)
{
  switch (code) {
#define MESOS_MODULES_ERROR_NAME(name) \
  case ErrorCode::name:                \
    return #name;
    MESOS_MODULES_ERROR_CODES(MESOS_MODULES_ERROR_NAME)
#undef MESOS_MODULES_ERROR_NAME
  }
  return "INTERNAL";
}

// Every code's name, in declaration order.
inline constexpr const char* kErrorCodeNames[] = {
#define MESOS_MODULES_ERROR_STRING(name) #name,
    MESOS_MODULES_ERROR_CODES(MESOS_MODULES_ERROR_STRING)
#undef MESOS_MODULES_ERROR_STRING
};

inline constexpr size_t kErrorCodeCount = sizeof(kErrorCodeNames) / sizeof(kErrorCodeNames[0]);

} // namespace mesos_modules
