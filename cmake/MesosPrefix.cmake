# Defines Mesos::mesos, the Mesos every native target builds against, and
# MESOS_MODULES_MODE ("sdk" or "mesos").
#
#   MESOS_HOME=<prefix>       a real Mesos install prefix (include/, lib/)
#   pkg-config mesos          a real Mesos found through mesos.pc
#   (neither)                 the bundled SDK, built here into build/sdk

set(MESOS_HOME "$ENV{MESOS_HOME}" CACHE PATH "Mesos install prefix (empty: pkg-config, then the bundled SDK)")

# PREBUILDS_ONLY runs (scripts/ensure.mjs) build hooks only, against the
# prebuild's SDK prefix (prebuilds/<platform>-<arch>/sdk): neither the SDK nor
# the addon is compiled.
set(MESOS_MODULES_HOOKS_PREFIX "" CACHE PATH "Build hooks only, against this prebuilt SDK prefix")

set(_mesos_prefix "")
if(MESOS_MODULES_HOOKS_PREFIX)
  include(RealMesos)
  mesos_modules_real_prefix("${MESOS_MODULES_HOOKS_PREFIX}" "MESOS_MODULES_HOOKS_PREFIX")
  set(MESOS_MODULES_MODE "sdk")
elseif(MESOS_HOME)
  set(_mesos_prefix "${MESOS_HOME}")
  set(_mesos_found_by "MESOS_HOME")
elseif(NOT DEFINED ENV{MESOS_MODULES_SDK})
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(PC_MESOS QUIET mesos)
    # The bundled SDK's own mesos.pc is not a real Mesos.
    if(PC_MESOS_FOUND AND NOT PC_MESOS_PREFIX MATCHES "/build/sdk$")
      set(_mesos_prefix "${PC_MESOS_PREFIX}")
      set(_mesos_found_by "pkg-config mesos")
    endif()
  endif()
endif()

if(MESOS_MODULES_HOOKS_PREFIX)
  # Set above.
elseif(_mesos_prefix)
  set(MESOS_MODULES_MODE "mesos")
  include(RealMesos)
  mesos_modules_real_prefix("${_mesos_prefix}" "${_mesos_found_by}")
else()
  set(MESOS_MODULES_MODE "sdk")
  set(MESOS_PREFIX "${CMAKE_BINARY_DIR}/sdk")
  add_subdirectory("${CMAKE_CURRENT_SOURCE_DIR}/sdk" "${CMAKE_BINARY_DIR}/sdk-build")
  add_library(Mesos::mesos ALIAS mesos)
endif()

message(STATUS "mesos-modules: building against ${MESOS_MODULES_MODE} at ${MESOS_PREFIX}")
