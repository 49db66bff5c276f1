# Environment variables that choose what the native build builds against:
# MESOS_HOME (cmake/MesosPrefix.cmake), MESOS_SOURCE_DIR and MESOS_BUILD_DIR
# (test/fixtures). CMake reads them only when it configures, and ninja
# reconfigures only when a file it depends on changes, so the build depends on
# a stamp file holding their values: scripts/build-env.mjs (run by
# scripts/ensure.mjs before every build) rewrites it when they change, and the
# next build reconfigures.
#
# Rule: a variable set in the environment (even to "") overrides the cached
# value; an unset one leaves the cache as it is.

set(MESOS_MODULES_ENV_STAMP "${CMAKE_BINARY_DIR}/mesos-env.stamp")
if(NOT EXISTS "${MESOS_MODULES_ENV_STAMP}")
  file(WRITE "${MESOS_MODULES_ENV_STAMP}" "")
endif()
set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${MESOS_MODULES_ENV_STAMP}")

# Sets the cache variable `var` from the environment when the environment has it.
function(mesos_modules_env_override var)
  if(DEFINED ENV{${var}})
    get_property(doc CACHE ${var} PROPERTY HELPSTRING)
    set(${var} "$ENV{${var}}" CACHE PATH "${doc}" FORCE)
  endif()
endfunction()
