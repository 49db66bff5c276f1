// libFuzzer target: a hook call's argument buffer as src-native/common/wire.cc reads
// it (Fields, then parseMessage into each parameter's message type, as
// src-native/hook_bridge.cc does), and the results written back with
// appendMessage/appendElement. Built by bench/fuzz.mjs with clang.
//
// Checked on every input, beyond "no crash, no sanitizer report":
//   - every field span lies inside the input;
//   - a rejected buffer or message is a ConvertError with a path;
//   - a message that parses re-serializes to bytes that parse back to the
//     same serialization (what a hook's result goes through), and a list of
//     such messages written with appendElement reads back, element by
//     element, through Fields.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <mesos/mesos.pb.h>
#include <mesos/module/hook.pb.h>

#include "../../src-native/common/wire.h"

using mesos_modules::ConvertError;
using mesos_modules::Fields;
using mesos_modules::Span;

namespace {

void require(bool condition)
{
  if (!condition) abort();
}

// One field number per argument type of the Hook methods (include/mesos/hook.hpp).
google::protobuf::Message* messageFor(int number)
{
  switch (number) {
    case 1: return new mesos::TaskInfo();
    case 2: return new mesos::ExecutorInfo();
    case 3: return new mesos::FrameworkInfo();
    case 4: return new mesos::SlaveInfo();
    case 5: return new mesos::Resource();
    case 6: return new mesos::Labels();
    case 7: return new mesos::Environment();
    case 8: return new mesos::TaskStatus();
    case 9: return new mesos::DockerTaskExecutorPrepareInfo();
    case 10: return new mesos::ContainerID();
    default: return nullptr;
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  try {
    Fields fields(data, size, "arguments");
    std::string list;
    size_t written = 0;
    for (int number = 1; number <= 10; number++) {
      for (const Span& span : fields.all(number)) {
        require(span.data >= data && span.data + span.size <= data + size);
        std::unique_ptr<google::protobuf::Message> message(messageFor(number));
        try {
          mesos_modules::parseMessage(span, message.get(), "argument");
        } catch (const ConvertError& e) {
          require(!e.path.empty() && !e.message.empty());
          continue;
        }
        std::string once;
        mesos_modules::appendMessage(&once, *message);
        std::unique_ptr<google::protobuf::Message> again(messageFor(number));
        require(again->ParsePartialFromString(once));
        std::string twice;
        mesos_modules::appendMessage(&twice, *again);
        require(once == twice);
        mesos_modules::appendElement(&list, *message);
        written++;
      }
    }
    Fields elements(reinterpret_cast<const uint8_t*>(list.data()), list.size(), "results");
    require(elements.all(1).size() == written);
    require(elements.find(2) == nullptr);
  } catch (const ConvertError& e) {
    // The result list is this target's own output: only the input may be malformed.
    require(e.path == "arguments");
  }
  return 0;
}
