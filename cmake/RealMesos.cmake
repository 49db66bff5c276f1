# A real Mesos install prefix as Mesos's `make install` lays it out
# (include/{mesos,stout,process}, lib/libmesos.so, optionally
# lib/mesos/3rdparty/include with protobuf/glog/boost/picojson).

function(mesos_modules_real_prefix prefix found_by)
  set(missing "")
  foreach(header
      mesos/module.hpp mesos/hook.hpp mesos/module/hook.hpp mesos/mesos.hpp
      mesos/mesos.pb.h mesos/module/hook.pb.h mesos/module/module.pb.h
      mesos/version.hpp stout/option.hpp stout/result.hpp stout/try.hpp
      process/future.hpp)
    if(NOT EXISTS "${prefix}/include/${header}")
      list(APPEND missing "include/${header}")
    endif()
  endforeach()

  set(library "")
  foreach(libdir lib lib64)
    if(EXISTS "${prefix}/${libdir}/libmesos.so")
      set(library "${prefix}/${libdir}/libmesos.so")
      break()
    endif()
  endforeach()
  if(NOT library)
    list(APPEND missing "lib/libmesos.so (or lib64/libmesos.so)")
  endif()

  if(missing)
    list(JOIN missing "\n  " missing_text)
    message(FATAL_ERROR
      "mesos-modules: the Mesos install at '${prefix}' (from ${found_by}) is incomplete; missing:\n  ${missing_text}\n"
      "Point MESOS_HOME at a prefix made by Mesos's `make install` (headers and libmesos), "
      "or unset MESOS_HOME to build against the bundled SDK.")
  endif()

  set(includes "${prefix}/include")
  # Installed with --enable-install-module-dependencies: the protobuf, glog,
  # boost and picojson headers libmesos was built with.
  get_filename_component(libdir "${library}" DIRECTORY)
  if(EXISTS "${libdir}/mesos/3rdparty/include")
    list(APPEND includes "${libdir}/mesos/3rdparty/include")
  else()
    message(WARNING
      "mesos-modules: ${libdir}/mesos/3rdparty/include not found; using the system's "
      "protobuf/glog/boost headers, which must be the versions libmesos was built with.")
  endif()

  add_library(Mesos::mesos SHARED IMPORTED GLOBAL)
  set_target_properties(Mesos::mesos PROPERTIES
    IMPORTED_LOCATION "${library}"
    INTERFACE_INCLUDE_DIRECTORIES "${includes}"
    INTERFACE_COMPILE_DEFINITIONS "__STDC_FORMAT_MACROS;PICOJSON_USE_INT64")

  # The install's own mesos.pc knows what else a module links (e.g. a libmesos
  # that does not carry protobuf and glog inside, or 3rdparty lib dirs).
  find_program(PKG_CONFIG_EXECUTABLE pkg-config)
  if(PKG_CONFIG_EXECUTABLE AND EXISTS "${libdir}/pkgconfig/mesos.pc")
    execute_process(
      COMMAND ${CMAKE_COMMAND} -E env "PKG_CONFIG_PATH=${libdir}/pkgconfig"
              ${PKG_CONFIG_EXECUTABLE} --libs mesos
      OUTPUT_VARIABLE pc_libs OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE pc_status)
    if(pc_status EQUAL 0 AND pc_libs)
      separate_arguments(pc_libs UNIX_COMMAND "${pc_libs}")
      set_target_properties(Mesos::mesos PROPERTIES INTERFACE_LINK_LIBRARIES "${pc_libs}")
    endif()
  endif()

  # Mesos's default build links its bundled protobuf and glog statically into
  # libmesos.so, which exports them, so -lmesos is enough. A libmesos built
  # against the system's (configure --with-protobuf=/usr --with-glog=/usr)
  # links them shared instead, and its mesos.pc does not say so: a module that
  # references their symbols (generated .pb.h code, LOG()) links them itself.
  if(CMAKE_OBJDUMP)
    execute_process(COMMAND ${CMAKE_OBJDUMP} -p "${library}"
      OUTPUT_VARIABLE dynamic ERROR_QUIET RESULT_VARIABLE objdump_status)
    if(objdump_status EQUAL 0 AND dynamic MATCHES "NEEDED +libprotobuf\\.so")
      find_package(Protobuf REQUIRED)
      set_property(TARGET Mesos::mesos APPEND PROPERTY INTERFACE_LINK_LIBRARIES protobuf::libprotobuf)
    endif()
    if(objdump_status EQUAL 0 AND dynamic MATCHES "NEEDED +libglog\\.so")
      find_package(glog REQUIRED)
      set_property(TARGET Mesos::mesos APPEND PROPERTY INTERFACE_LINK_LIBRARIES glog::glog)
    endif()
  endif()
  set(MESOS_PREFIX "${prefix}" PARENT_SCOPE)
endfunction()
