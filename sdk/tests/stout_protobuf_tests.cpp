// Mesos module SDK: tests for stout's JSON <-> protobuf conversion
// (mesos-facts.md §3.4) on real Mesos messages, and the record-file
// helpers.

#include <stdlib.h>
#include <unistd.h>

#include <limits>
#include <string>

#include <mesos/mesos.pb.h>
#include <mesos/module/module.pb.h>

#include <stout/json.hpp>
#include <stout/os.hpp>
#include <stout/protobuf.hpp>
#include <stout/stringify.hpp>

#include "test.hpp"

namespace {

template <typename T>
Try<T> parseText(const std::string& text)
{
  Try<JSON::Value> json = JSON::parse(text);
  if (json.isError()) {
    return Error("JSON: " + json.error());
  }
  return protobuf::parse<T>(json.get());
}


template <typename T>
std::string parseError(const std::string& text)
{
  Try<T> result = parseText<T>(text);
  return result.isError() ? result.error() : "<parsed>";
}


const char* MINIMAL_TASK =
  "\"name\": \"t\", \"task_id\": {\"value\": \"1\"},"
  " \"slave_id\": {\"value\": \"s\"}";


std::string task(const std::string& fields)
{
  return "{" + std::string(MINIMAL_TASK) + ", " + fields + "}";
}

} // namespace {


TEST(ProtobufParse, CanonicalModules)
{
  Try<mesos::Modules> modules = parseText<mesos::Modules>(
      "{\"libraries\": [{\"file\": \"/path/to/libtesthook.so\","
      "  \"modules\": [{\"name\": \"org_apache_mesos_TestHook\","
      "    \"parameters\": [{\"key\": \"X\", \"value\": \"Y\"}]}]},"
      " {\"name\": \"qux\", \"modules\": [{\"name\": \"org_apache_mesos_norf\"}]}]}");
  ASSERT_TRUE(modules.isSome());
  ASSERT_EQ(2, modules->libraries_size());
  EXPECT_EQ(std::string("/path/to/libtesthook.so"), modules->libraries(0).file());
  EXPECT_EQ(std::string("org_apache_mesos_TestHook"),
            modules->libraries(0).modules(0).name());
  EXPECT_EQ(std::string("Y"),
            modules->libraries(0).modules(0).parameters(0).value());
  EXPECT_FALSE(modules->libraries(1).has_file());
  EXPECT_EQ(std::string("qux"), modules->libraries(1).name());

  EXPECT_TRUE(parseText<mesos::Modules>("{}").isSome());
}


TEST(ProtobufParse, ObjectWhereArrayExpected)
{
  // docs/oversubscription.md writes objects for the repeated fields.
  Try<mesos::Modules> modules = parseText<mesos::Modules>(
      "{\"libraries\": {\"file\": \"a.so\", \"modules\": {\"name\": \"m\","
      " \"parameters\": {\"key\": \"k\", \"value\": \"v\"}}}}");
  ASSERT_TRUE(modules.isSome());
  ASSERT_EQ(1, modules->libraries_size());
  ASSERT_EQ(1, modules->libraries(0).modules_size());
  ASSERT_EQ(1, modules->libraries(0).modules(0).parameters_size());
  EXPECT_EQ(std::string("k"),
            modules->libraries(0).modules(0).parameters(0).key());
}


TEST(ProtobufParse, NestedArraysFlatten)
{
  Try<mesos::CommandInfo> command = parseText<mesos::CommandInfo>(
      "{\"arguments\": [[\"a\", [\"b\"]], \"c\", []],"
      " \"uris\": [[{\"value\": \"u1\"}], {\"value\": \"u2\"}]}");
  ASSERT_TRUE(command.isSome());
  ASSERT_EQ(3, command->arguments_size());
  EXPECT_EQ(std::string("a"), command->arguments(0));
  EXPECT_EQ(std::string("b"), command->arguments(1));
  EXPECT_EQ(std::string("c"), command->arguments(2));
  ASSERT_EQ(2, command->uris_size());
  EXPECT_EQ(std::string("u2"), command->uris(1).value());
}


TEST(ProtobufParse, UnknownKeysAndNull)
{
  Try<mesos::TaskInfo> info = parseText<mesos::TaskInfo>(task(
      "\"unknown\": {\"deep\": [1, 2]}, \"command\": null,"
      " \"taskId\": {\"value\": \"ignored\"}, \"labels\": {\"labels\": null}"));
  ASSERT_TRUE(info.isSome());
  EXPECT_FALSE(info->has_command());
  EXPECT_EQ(std::string("1"), info->task_id().value());
  EXPECT_TRUE(info->has_labels()); // The object was given, its field null.
  EXPECT_EQ(0, info->labels().labels_size());

  // Field names are the exact .proto names: no camelCase aliases.
  EXPECT_EQ(std::string("Missing required fields: task_id"),
            parseError<mesos::TaskInfo>(
                "{\"name\": \"t\", \"taskId\": {\"value\": \"1\"},"
                " \"slave_id\": {\"value\": \"s\"}}"));

  // null for a required field leaves it unset.
  EXPECT_EQ(std::string("Missing required fields: name"),
            parseError<mesos::TaskInfo>(
                "{\"name\": null, \"task_id\": {\"value\": \"1\"},"
                " \"slave_id\": {\"value\": \"s\"}}"));
}


TEST(ProtobufParse, MissingRequiredFields)
{
  EXPECT_EQ(
      std::string("Missing required fields: "
                  "libraries[0].modules[0].parameters[0].value"),
      parseError<mesos::Modules>(
          "{\"libraries\": [{\"file\": \"x\", \"modules\": [{\"name\": \"m\","
          " \"parameters\": [{\"key\": \"k\"}]}]}]}"));

  EXPECT_EQ(
      std::string("Missing required fields: name, slave_id, task_id.value, "
                  "resources[1].type"),
      parseError<mesos::TaskInfo>(
          "{\"task_id\": {}, \"resources\": [{\"name\": \"cpus\","
          " \"type\": \"SCALAR\", \"scalar\": {\"value\": 1}},"
          " {\"name\": \"mem\"}]}"));

  EXPECT_EQ(
      std::string("Missing required fields: libraries[0].modules[1].parameters"
                  "[0].key, libraries[0].modules[1].parameters[0].value"),
      parseError<mesos::Modules>(
          "{\"libraries\": {\"modules\": [{\"name\": \"a\"},"
          " {\"parameters\": {}}]}}"));
}


TEST(ProtobufParse, WrongJSONTypes)
{
  EXPECT_EQ(std::string("Not expecting a JSON number for field 'file'"),
            parseError<mesos::Modules>("{\"libraries\": [{\"file\": 5}]}"));
  EXPECT_EQ(std::string("Not expecting a JSON array for field 'file'"),
            parseError<mesos::Modules>("{\"libraries\": [{\"file\": [\"a\"]}]}"));
  EXPECT_EQ(std::string("Not expecting a JSON string for field 'libraries'"),
            parseError<mesos::Modules>("{\"libraries\": \"x\"}"));
  EXPECT_EQ(std::string("Not expecting a JSON object for field 'file'"),
            parseError<mesos::Modules>("{\"libraries\": {\"file\": {}}}"));
  EXPECT_EQ(std::string("Not expecting a JSON boolean for field 'name'"),
            parseError<mesos::Modules>("{\"libraries\": {\"name\": true}}"));
  EXPECT_EQ(std::string("Not expecting a JSON number for field 'key'"),
            parseError<mesos::Modules>(
                "{\"libraries\": {\"modules\": {\"parameters\": {\"key\": 1}}}}"));
  EXPECT_EQ(std::string("Not expecting a JSON boolean for field 'value'"),
            parseError<mesos::Value::Scalar>("{\"value\": true}"));

  EXPECT_EQ(std::string("Expecting a JSON object"),
            protobuf::parse<mesos::Modules>(JSON::Array()).error());
  EXPECT_EQ(std::string("Expecting a JSON object"),
            protobuf::parse<mesos::Modules>(JSON::Null()).error());
}


TEST(ProtobufParse, Enums)
{
  Try<mesos::ContainerInfo> docker = parseText<mesos::ContainerInfo>(
      "{\"type\": \"DOCKER\", \"docker\": {\"image\": \"busybox\","
      " \"network\": \"BRIDGE\"}}");
  ASSERT_TRUE(docker.isSome());
  EXPECT_EQ(mesos::ContainerInfo::DOCKER, docker->type());
  EXPECT_EQ(mesos::ContainerInfo::DockerInfo::BRIDGE, docker->docker().network());

  // Unknown names: an error for a required field...
  EXPECT_EQ(std::string("Failed to find enum for 'docker'"),
            parseError<mesos::ContainerInfo>("{\"type\": \"docker\"}"));

  // ... dropped for an optional one (the field stays unset) ...
  Try<mesos::ContainerInfo> unknown = parseText<mesos::ContainerInfo>(
      "{\"type\": \"DOCKER\", \"docker\": {\"image\": \"i\","
      " \"network\": \"bridge\"}}");
  ASSERT_TRUE(unknown.isSome());
  EXPECT_FALSE(unknown->docker().has_network());
  EXPECT_EQ(mesos::ContainerInfo::DockerInfo::HOST, unknown->docker().network());

  // ... and for repeated ones (no element is added).
  Try<mesos::CapabilityInfo> capabilities = parseText<mesos::CapabilityInfo>(
      "{\"capabilities\": [\"CHOWN\", \"NOPE\", \"KILL\"]}");
  ASSERT_TRUE(capabilities.isSome());
  ASSERT_EQ(2, capabilities->capabilities_size());
  EXPECT_EQ(mesos::CapabilityInfo::KILL, capabilities->capabilities(1));

  // Enums cannot be given as numbers.
  EXPECT_EQ(std::string("Not expecting a JSON number for field 'type'"),
            parseError<mesos::ContainerInfo>("{\"type\": 1}"));
}


TEST(ProtobufParse, BytesAreBase64)
{
  Try<mesos::TaskInfo> info =
    parseText<mesos::TaskInfo>(task("\"data\": \"aGVsbG8=\""));
  ASSERT_TRUE(info.isSome());
  EXPECT_EQ(std::string("hello"), info->data());

  EXPECT_EQ(
      std::string("Failed to base64 decode bytes field 'data': "
                  "Invalid character '!'"),
      parseError<mesos::TaskInfo>(task("\"data\": \"aGVs!G8=\"")));

  EXPECT_EQ(std::string("Not expecting a JSON number for field 'data'"),
            parseError<mesos::TaskInfo>(task("\"data\": 5")));
}


TEST(ProtobufParse, NumbersAndBooleansFromStrings)
{
  Try<mesos::ContainerInfo::DockerInfo::PortMapping> mapping =
    parseText<mesos::ContainerInfo::DockerInfo::PortMapping>(
        "{\"host_port\": \"8080\", \"container_port\": 80}");
  ASSERT_TRUE(mapping.isSome());
  EXPECT_EQ(8080u, mapping->host_port());
  EXPECT_EQ(80u, mapping->container_port());

  EXPECT_EQ(
      std::string("Failed to parse 'abc' as a JSON number for field "
                  "'host_port': syntax error at line 1 near: abc"),
      parseError<mesos::ContainerInfo::DockerInfo::PortMapping>(
          "{\"host_port\": \"abc\", \"container_port\": 80}"));
  EXPECT_EQ(
      std::string("Failed to parse 'true' as a JSON number for field "
                  "'host_port': Unexpected JSON type parsed"),
      parseError<mesos::ContainerInfo::DockerInfo::PortMapping>(
          "{\"host_port\": \"true\", \"container_port\": 80}"));

  // No range checks: the number is converted as it is.
  Try<mesos::ContainerInfo::DockerInfo::PortMapping> wrapped =
    parseText<mesos::ContainerInfo::DockerInfo::PortMapping>(
        "{\"host_port\": -1, \"container_port\": 1.9}");
  ASSERT_TRUE(wrapped.isSome());
  EXPECT_EQ(std::numeric_limits<uint32_t>::max(), wrapped->host_port());
  EXPECT_EQ(1u, wrapped->container_port());

  Try<mesos::Value::Scalar> scalar =
    parseText<mesos::Value::Scalar>("{\"value\": \"0.5\"}");
  ASSERT_TRUE(scalar.isSome());
  EXPECT_EQ(0.5, scalar->value());

  Try<mesos::Value::Scalar> infinite =
    parseText<mesos::Value::Scalar>("{\"value\": \"-Infinity\"}");
  ASSERT_TRUE(infinite.isSome());
  EXPECT_EQ(-std::numeric_limits<double>::infinity(), infinite->value());

  EXPECT_EQ(
      std::string("Failed to parse 'x' as a JSON number for field 'value': "
                  "syntax error at line 1 near: x"),
      parseError<mesos::Value::Scalar>("{\"value\": \"x\"}"));

  Try<mesos::ContainerInfo::DockerInfo> docker =
    parseText<mesos::ContainerInfo::DockerInfo>(
        "{\"image\": \"i\", \"privileged\": \"true\","
        " \"force_pull_image\": false}");
  ASSERT_TRUE(docker.isSome());
  EXPECT_TRUE(docker->privileged());
  EXPECT_TRUE(docker->has_force_pull_image());

  EXPECT_EQ(
      std::string("Failed to parse 'yes' as a JSON boolean for field "
                  "'privileged': syntax error at line 1 near: yes"),
      parseError<mesos::ContainerInfo::DockerInfo>(
          "{\"image\": \"i\", \"privileged\": \"yes\"}"));
  EXPECT_EQ(
      std::string("Failed to parse '1' as a JSON boolean for field "
                  "'privileged': Unexpected JSON type parsed"),
      parseError<mesos::ContainerInfo::DockerInfo>(
          "{\"image\": \"i\", \"privileged\": \"1\"}"));
  EXPECT_EQ(std::string("Not expecting a JSON number for field 'privileged'"),
            parseError<mesos::ContainerInfo::DockerInfo>(
                "{\"image\": \"i\", \"privileged\": 1}"));
}


TEST(ProtobufParse, MapFields)
{
  Try<mesos::TaskInfo> info = parseText<mesos::TaskInfo>(
      task("\"limits\": {\"cpus\": {\"value\": 2}, \"mem\": {\"value\": 64}}"));
  ASSERT_TRUE(info.isSome());
  ASSERT_EQ(2u, info->limits().size());
  EXPECT_EQ(2.0, info->limits().at("cpus").value());
  EXPECT_EQ(64.0, info->limits().at("mem").value());

  EXPECT_EQ(std::string("Not expecting a JSON string for field 'value'"),
            parseError<mesos::TaskInfo>(task("\"limits\": {\"cpus\": \"2\"}")));

  // Map entries are reported by their entry path when incomplete.
  EXPECT_EQ(std::string("Missing required fields: limits[0].value.value"),
            parseError<mesos::TaskInfo>(task("\"limits\": {\"cpus\": {}}")));
}


TEST(ProtobufParse, RepeatedTopLevel)
{
  typedef google::protobuf::RepeatedPtrField<mesos::Resource> Resources;

  Try<Resources> resources = protobuf::parse<Resources>(JSON::parse(
      "[{\"name\": \"cpus\", \"type\": \"SCALAR\", \"scalar\": {\"value\": 1}},"
      " {\"name\": \"ports\", \"type\": \"RANGES\","
      "  \"ranges\": {\"range\": [{\"begin\": 31000, \"end\": 32000}]}}]").get());
  ASSERT_TRUE(resources.isSome());
  ASSERT_EQ(2, resources->size());
  EXPECT_EQ(32000u, resources->Get(1).ranges().range(0).end());

  EXPECT_EQ(std::string("Expecting a JSON array"),
            protobuf::parse<Resources>(JSON::Object()).error());
  EXPECT_EQ(std::string("Missing required fields: type"),
            protobuf::parse<Resources>(
                JSON::parse("[{\"name\": \"cpus\"}]").get()).error());
}


TEST(ProtobufJSON, MessagesAsMesosPrintsThem)
{
  mesos::Resource resource;
  resource.set_name("cpus");
  resource.set_type(mesos::Value::SCALAR);
  resource.mutable_scalar()->set_value(0.5);

  // `role` has a default but is deprecated, so it is not shown.
  EXPECT_EQ(
      std::string("{\"name\":\"cpus\",\"scalar\":{\"value\":0.5},"
                  "\"type\":\"SCALAR\"}"),
      stringify(JSON::protobuf(resource)));

  // Unset fields with an explicit default are shown with it.
  EXPECT_EQ(std::string("{\"shell\":true}"),
            stringify(JSON::protobuf(mesos::CommandInfo())));

  mesos::TaskInfo info;
  info.set_name("t");
  info.mutable_task_id()->set_value("1");
  info.mutable_slave_id()->set_value("s");
  info.set_data(std::string("\x00\xff", 2));
  info.mutable_command()->add_arguments("a");
  info.mutable_command()->add_arguments("b");
  (*info.mutable_limits())["cpus"].set_value(1.5);
  mesos::Label* label = info.mutable_labels()->add_labels();
  label->set_key("k");

  EXPECT_EQ(
      std::string("{\"command\":{\"arguments\":[\"a\",\"b\"],\"shell\":true},"
                  "\"data\":\"AP8=\",\"labels\":{\"labels\":[{\"key\":\"k\"}]},"
                  "\"limits\":{\"cpus\":{\"value\":1.5}},\"name\":\"t\","
                  "\"slave_id\":{\"value\":\"s\"},\"task_id\":{\"value\":\"1\"}}"),
      stringify(JSON::protobuf(info)));

  // ... and JSON::protobuf is the inverse of protobuf::parse.
  Try<mesos::TaskInfo> back = protobuf::parse<mesos::TaskInfo>(JSON::protobuf(info));
  ASSERT_TRUE(back.isSome());
  // (Shown defaults come back as set fields: command.shell here.)
  EXPECT_EQ(stringify(JSON::protobuf(info)),
            stringify(JSON::protobuf(back.get())));
  EXPECT_TRUE(back->command().has_shell());
  EXPECT_FALSE(info.command().has_shell());
  EXPECT_EQ(std::string("\x00\xff", 2), back->data());
  EXPECT_EQ(1.5, back->limits().at("cpus").value());

  // jsonify(JSON::Protobuf(...)) writes the same fields in declaration
  // order.
  EXPECT_EQ(
      std::string("{\"name\":\"t\",\"task_id\":{\"value\":\"1\"},"
                  "\"slave_id\":{\"value\":\"s\"},"
                  "\"command\":{\"shell\":true,\"arguments\":[\"a\",\"b\"]},"
                  "\"data\":\"AP8=\",\"labels\":{\"labels\":[{\"key\":\"k\"}]},"
                  "\"limits\":{\"cpus\":{\"value\":1.5}}}"),
      std::string(jsonify(JSON::Protobuf(info))));

  google::protobuf::RepeatedPtrField<mesos::Resource> resources;
  resources.Add()->CopyFrom(resource);
  EXPECT_EQ(
      std::string("[{\"name\":\"cpus\",\"scalar\":{\"value\":0.5},"
                  "\"type\":\"SCALAR\"}]"),
      stringify(JSON::protobuf(resources)));
}


TEST(ProtobufJSON, EnumsDefaultsAndInfinity)
{
  mesos::ContainerInfo container;
  container.set_type(mesos::ContainerInfo::DOCKER);
  container.mutable_docker()->set_image("busybox");

  // Docker's `network` and `privileged` have defaults; `volume_driver`
  // is deprecated without one.
  EXPECT_EQ(
      std::string("{\"docker\":{\"image\":\"busybox\",\"network\":\"HOST\","
                  "\"privileged\":false},\"type\":\"DOCKER\"}"),
      stringify(JSON::protobuf(container)));

  mesos::Value::Scalar scalar;
  scalar.set_value(std::numeric_limits<double>::infinity());
  const std::string text = stringify(JSON::protobuf(scalar));
  EXPECT_EQ(std::string("{\"value\":\"Infinity\"}"), text);

  // The quoted infinity reads back.
  Try<mesos::Value::Scalar> back = parseText<mesos::Value::Scalar>(text);
  ASSERT_TRUE(back.isSome());
  EXPECT_EQ(std::numeric_limits<double>::infinity(), back->value());
}


TEST(ProtobufIO, RecordFiles)
{
  Try<std::string> directory = os::mkdtemp();
  ASSERT_TRUE(directory.isSome());
  const std::string path = path::join(directory.get(), "records");

  mesos::Label a;
  a.set_key("a");
  mesos::Label b;
  b.set_key("b");
  b.set_value("2");

  ASSERT_TRUE(protobuf::write(path, a).isSome());
  ASSERT_TRUE(protobuf::append(path, b).isSome());

  Result<mesos::Label> first = protobuf::read<mesos::Label>(path);
  ASSERT_TRUE(first.isSome());
  EXPECT_EQ(std::string("a"), first->key());

  Try<int> fd = os::open(path, O_RDONLY);
  ASSERT_TRUE(fd.isSome());
  Result<google::protobuf::RepeatedPtrField<mesos::Label>> all =
    protobuf::read<google::protobuf::RepeatedPtrField<mesos::Label>>(fd.get());
  os::close(fd.get());
  ASSERT_TRUE(all.isSome());
  ASSERT_EQ(2, all->size());
  EXPECT_EQ(std::string("2"), all->Get(1).value());

  // Uninitialized messages are refused.
  EXPECT_EQ(std::string("key is required but not initialized"),
            protobuf::write(path, mesos::Label()).error());

  // A truncated record.
  ASSERT_TRUE(os::write(path, std::string("\x05\x00\x00\x00\x0a", 5)).isSome());
  EXPECT_EQ(
      std::string("Failed to read message of size 5 bytes: hit EOF "
                  "unexpectedly, possible corruption"),
      protobuf::read<mesos::Label>(path).error());

  EXPECT_TRUE(protobuf::read<mesos::Label>(path::join(directory.get(), "none"))
                .isError());

  Try<std::string> bytes = protobuf::serialize(b);
  ASSERT_TRUE(bytes.isSome());
  EXPECT_EQ(std::string("2"), protobuf::deserialize<mesos::Label>(bytes.get())->value());
  EXPECT_EQ(std::string("Failed to deserialize mesos.Label"),
            protobuf::deserialize<mesos::Label>("\xff").error());

  EXPECT_TRUE(os::rmdir(directory.get()).isSome());
}
