// libFuzzer target: a module's parameters as src-native/common/wire.cc reads them
// for create() (parseParameters, the mesos.Parameters message
// lib/wire/encode.ts writes). Built by bench/fuzz.mjs with clang.
//
// Checked on every input, beyond "no crash, no sanitizer report": accepted
// parameters are all complete (key and value set) and survive a
// serialize/parse round trip unchanged; a rejection is a ConvertError under
// `parameters`, naming the incomplete entry when one is.

#include <cstdint>
#include <cstdlib>
#include <string>

#include <mesos/mesos.pb.h>

#include "../../src-native/common/wire.h"

namespace {

void require(bool condition)
{
  if (!condition) abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  try {
    mesos::Parameters parameters = mesos_modules::parseParameters(data, size);
    for (const mesos::Parameter& parameter : parameters.parameter()) {
      require(parameter.has_key() && parameter.has_value());
    }
    std::string bytes = parameters.SerializeAsString();
    mesos::Parameters again = mesos_modules::parseParameters(
        reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    require(again.SerializeAsString() == bytes);
  } catch (const mesos_modules::ConvertError& e) {
    require(e.path == "parameters" || e.path.rfind("parameters[", 0) == 0);
    if (e.path != "parameters") require(!e.missing.empty());
  }
  return 0;
}
