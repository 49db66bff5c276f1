# Stages a protoc-generated header into the prefix inside a region where libc
# names are not macros (mesos/sdk/libc_names_begin.hpp / _end.hpp), so that
# the generated code and the protobuf headers it includes compile after a C
# header that macro-defines memcpy and the like. The region is outside the
# header's include guard, so repeated inclusion keeps it balanced.
#
#   cmake -DINPUT=<gen/x.pb.h> -DOUTPUT=<prefix/include/x.pb.h> -P WrapProtobufHeader.cmake
file(READ "${INPUT}" body)
set(text "#include <mesos/sdk/libc_names_begin.hpp>\n${body}\n#include <mesos/sdk/libc_names_end.hpp>\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" current)
  if(current STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
