// Mesos module SDK: tests for stout flags.

#include <stdlib.h>

#include <map>
#include <string>
#include <vector>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/flags.hpp>
#include <stout/json.hpp>
#include <stout/os.hpp>
#include <stout/stringify.hpp>

#include "test.hpp"

namespace {

class TestFlags : public virtual flags::FlagsBase
{
public:
  TestFlags()
  {
    add(&TestFlags::name, "name", "The name");                // Required.
    add(&TestFlags::count, "count", "How many", 3);
    add(&TestFlags::debug, "debug", "Verbose", false);
    add(&TestFlags::timeout, "timeout", "How long", Seconds(10));
    add(&TestFlags::memory, "memory", "How much", Megabytes(64));
    add(&TestFlags::work_dir, "work_dir", "Where");           // Option.
    add(&TestFlags::quiet, "quiet", "Shh");                   // Option<bool>.
    add(&TestFlags::config, "config", "Settings");            // Option<JSON>.
    add(&TestFlags::port,
        "port",
        flags::DeprecatedName("old_port"),
        "Port",
        5051,
        [](int value) -> Option<Error> {
          if (value <= 0) {
            return Error("Expected --port to be positive");
          }
          return None();
        });
  }

  std::string name;
  int count;
  bool debug;
  Duration timeout;
  Bytes memory;
  Option<std::string> work_dir;
  Option<bool> quiet;
  Option<JSON::Object> config;
  int port;
};


typedef std::map<std::string, Option<std::string>> Values;


std::string loadError(const Values& values, bool unknowns = false)
{
  TestFlags flags;
  Try<flags::Warnings> load = flags.load(values, unknowns);
  return load.isError() ? load.error() : "<loaded>";
}

} // namespace {


TEST(Flags, LoadFromMap)
{
  TestFlags flags;
  EXPECT_EQ(3, flags.count); // Defaults are set by add().
  EXPECT_EQ(Seconds(10), flags.timeout);

  Try<flags::Warnings> load = flags.load(Values{
      {"name", Some("agent")},
      {"count", Some("7")},
      {"debug", None()},
      {"timeout", Some("1.5mins")},
      {"memory", Some("1GB")},
      {"work_dir", Some("/tmp/w")},
      {"no-quiet", None()}});
  ASSERT_TRUE(load.isSome());
  EXPECT_TRUE(load->warnings.empty());

  EXPECT_EQ(std::string("agent"), flags.name);
  EXPECT_EQ(7, flags.count);
  EXPECT_TRUE(flags.debug);
  EXPECT_EQ(Seconds(90), flags.timeout);
  EXPECT_EQ(Gigabytes(1), flags.memory);
  EXPECT_EQ(std::string("/tmp/w"), flags.work_dir.get());
  ASSERT_TRUE(flags.quiet.isSome());
  EXPECT_FALSE(flags.quiet.get());
  EXPECT_TRUE(flags.config.isNone());
  EXPECT_EQ(5051, flags.port);
  EXPECT_FALSE(flags.help);

  // The string map overload.
  TestFlags other;
  ASSERT_TRUE(other.load(std::map<std::string, std::string>{
      {"name", "x"}, {"debug", "false"}, {"config", "{\"a\": [1]}"}}).isSome());
  EXPECT_FALSE(other.debug);
  ASSERT_TRUE(other.config.isSome());
  EXPECT_EQ(std::string("{\"a\":[1]}"), stringify(other.config.get()));
}


TEST(Flags, BooleanParsing)
{
  auto debug = [](const Option<std::string>& value, const std::string& key) {
    TestFlags flags;
    Try<flags::Warnings> load =
      flags.load(Values{{"name", Some("n")}, {key, value}});
    if (load.isError()) {
      return load.error();
    }
    return stringify(flags.debug);
  };

  EXPECT_EQ(std::string("true"), debug(Some("true"), "debug"));
  EXPECT_EQ(std::string("true"), debug(Some("1"), "debug"));
  EXPECT_EQ(std::string("true"), debug(Some(""), "debug"));
  EXPECT_EQ(std::string("true"), debug(None(), "debug"));
  EXPECT_EQ(std::string("false"), debug(Some("0"), "debug"));
  EXPECT_EQ(std::string("false"), debug(None(), "no-debug"));
  EXPECT_EQ(std::string("false"), debug(Some(""), "no-debug"));

  EXPECT_EQ(
      std::string("Failed to load flag 'debug': Failed to load value 'yes': "
                  "Expecting a boolean (e.g., true or false)"),
      debug(Some("yes"), "debug"));
  EXPECT_EQ(
      std::string("Failed to load boolean flag 'debug' via 'no-debug' with "
                  "value 'false'"),
      debug(Some("false"), "no-debug"));
}


TEST(Flags, Errors)
{
  EXPECT_EQ(std::string("Flag 'name' is required, but it was not provided"),
            loadError(Values{}));
  EXPECT_EQ(std::string("Failed to load unknown flag 'bogus'"),
            loadError(Values{{"name", Some("n")}, {"bogus", Some("1")}}));
  EXPECT_EQ(std::string("Failed to load unknown flag 'bogus' via 'no-bogus'"),
            loadError(Values{{"name", Some("n")}, {"no-bogus", None()}}));
  EXPECT_EQ(std::string("<loaded>"),
            loadError(Values{{"name", Some("n")}, {"bogus", Some("1")}}, true));
  EXPECT_EQ(std::string("Failed to load non-boolean flag 'count' via 'no-count'"),
            loadError(Values{{"name", Some("n")}, {"no-count", None()}}));
  EXPECT_EQ(std::string("Failed to load non-boolean flag 'count': Missing value"),
            loadError(Values{{"name", Some("n")}, {"count", None()}}));
  EXPECT_EQ(
      std::string("Failed to load flag 'count': Failed to load value 'x': "
                  "Failed to convert into required type"),
      loadError(Values{{"name", Some("n")}, {"count", Some("x")}}));
  EXPECT_EQ(
      std::string("Failed to load flag 'count': Failed to load value '1 ': "
                  "Failed to convert into required type"),
      loadError(Values{{"name", Some("n")}, {"count", Some("1 ")}}));
  EXPECT_EQ(
      std::string("Failed to load flag 'timeout': Failed to load value '5': "
                  "Invalid duration '5'"),
      loadError(Values{{"name", Some("n")}, {"timeout", Some("5")}}));
  EXPECT_EQ(
      std::string("Failed to load flag 'config': Failed to load value '[1]': "
                  "Unexpected JSON type parsed"),
      loadError(Values{{"name", Some("n")}, {"config", Some("[1]")}}));
  EXPECT_EQ(std::string("Expected --port to be positive"),
            loadError(Values{{"name", Some("n")}, {"port", Some("0")}}));
  EXPECT_EQ(
      std::string("Flag 'port' is already loaded via name 'old_port'"),
      loadError(Values{{"name", Some("n")}, {"old_port", Some("1")},
                       {"port", Some("2")}}));
}


TEST(Flags, AliasesAndWarnings)
{
  TestFlags flags;
  Try<flags::Warnings> load =
    flags.load(Values{{"name", Some("n")}, {"old_port", Some("6000")}});
  ASSERT_TRUE(load.isSome());
  EXPECT_EQ(6000, flags.port);
  ASSERT_EQ(1u, load->warnings.size());
  EXPECT_EQ(std::string("Loaded deprecated flag 'old_port'"),
            load->warnings[0].message);

  // Printed with the name it was loaded through.
  EXPECT_CONTAINS(stringify(flags), "--old_port=\"6000\"");
}


TEST(Flags, FromEnvironmentWithPrefix)
{
  os::setenv("SDKTEST_NAME", "from-env");
  os::setenv("SDKTEST_count", "11");
  os::setenv("SDKTEST_UNRELATED", "ignored");
  os::setenv("SDKTEST_NO-DEBUG", "");

  TestFlags flags;
  Try<flags::Warnings> load =
    flags.load(Values{{"count", Some("12")}}, false, std::string("SDKTEST_"));
  ASSERT_TRUE(load.isSome());
  EXPECT_EQ(std::string("from-env"), flags.name);
  EXPECT_EQ(12, flags.count); // The map wins over the environment.
  EXPECT_FALSE(flags.debug);

  TestFlags only;
  ASSERT_TRUE(only.load("SDKTEST_").isSome());
  EXPECT_EQ(11, only.count);

  std::map<std::string, Option<std::string>> extracted =
    only.extract("SDKTEST_");
  EXPECT_EQ(3u, extracted.size());
  EXPECT_TRUE(extracted.count("no-debug") == 1);

  os::unsetenv("SDKTEST_NAME");
  os::unsetenv("SDKTEST_count");
  os::unsetenv("SDKTEST_UNRELATED");
  os::unsetenv("SDKTEST_NO-DEBUG");
}


TEST(Flags, CommandLine)
{
  const char* argv[] = {
    "/usr/sbin/mesos-agent", "--name=cli", "positional", "--DEBUG",
    "--count=4", "--", "--not-a-flag"};
  TestFlags flags;
  Try<flags::Warnings> load = flags.load(None(), 7, argv);
  ASSERT_TRUE(load.isSome());
  EXPECT_EQ(std::string("cli"), flags.name);
  EXPECT_TRUE(flags.debug); // Names are lower-cased.
  EXPECT_EQ(4, flags.count);

  // The argc/argv overload removes what it consumed.
  std::vector<std::string> storage = {
    "prog", "--name=x", "a", "--debug", "--", "--b"};
  std::vector<char*> args;
  for (std::string& arg : storage) {
    args.push_back(&arg[0]);
  }
  args.push_back(nullptr);
  int argc = static_cast<int>(storage.size());
  char** argvp = args.data();

  TestFlags removing;
  ASSERT_TRUE(removing.load(None(), &argc, &argvp).isSome());
  ASSERT_EQ(3, argc);
  EXPECT_EQ(std::string("a"), std::string(argvp[1]));
  EXPECT_EQ(std::string("--b"), std::string(argvp[2]));
  EXPECT_TRUE(argvp[3] == nullptr);

  // Duplicates: an error unless allowed (then the last one wins).
  const char* twice[] = {"p", "--name=a", "--name=b"};
  TestFlags strict;
  EXPECT_EQ(std::string("Flag 'name' is already loaded via name 'name'"),
            strict.load(None(), 3, twice).error());
  TestFlags lenient;
  ASSERT_TRUE(lenient.load(None(), 3, twice, false, true).isSome());
  EXPECT_EQ(std::string("b"), lenient.name);

  const std::string usage = flags.usage("Oops");
  EXPECT_CONTAINS(usage, "Oops\n\nUsage: mesos-agent [options]\n\n");
  EXPECT_CONTAINS(usage, "  --count=VALUE");
  EXPECT_CONTAINS(usage, "How many (default: 3)\n");
  EXPECT_CONTAINS(usage, "  --[no-]debug");
  EXPECT_CONTAINS(usage, "  --port=VALUE, --old_port=VALUE");
  EXPECT_CONTAINS(usage, "Prints this help message (default: false)\n");
}


TEST(Flags, FetchFromFile)
{
  Try<std::string> directory = os::mkdtemp();
  ASSERT_TRUE(directory.isSome());
  const std::string file = path::join(directory.get(), "config.json");
  ASSERT_TRUE(os::write(file, "{\"k\": \"v\"}").isSome());

  TestFlags flags;
  ASSERT_TRUE(flags.load(Values{{"name", Some("file://" + file)},
                                {"config", Some("file://" + file)}}).isSome());
  EXPECT_EQ(std::string("{\"k\": \"v\"}"), flags.name);
  EXPECT_EQ(std::string("v"),
            flags.config->values.at("k").as<JSON::String>().value);

  // The deprecated bare absolute path for JSON flags.
  TestFlags bare;
  ASSERT_TRUE(bare.load(Values{{"name", Some("n")},
                               {"config", Some(file)}}).isSome());
  EXPECT_TRUE(bare.config.isSome());

  const std::string missing = path::join(directory.get(), "missing");
  EXPECT_EQ(
      "Failed to load flag 'name': Failed to load value 'file://" + missing +
        "': Error reading file '" + missing + "': No such file or directory",
      loadError(Values{{"name", Some("file://" + missing)}}));

  EXPECT_TRUE(os::rmdir(directory.get()).isSome());
}


TEST(Flags, BuildEnvironmentAndPrint)
{
  TestFlags flags;
  ASSERT_TRUE(flags.load(Values{{"name", Some("n")}}).isSome());

  std::map<std::string, std::string> environment =
    flags.buildEnvironment(std::string("P_"));
  EXPECT_EQ(std::string("n"), environment["P_NAME"]);
  EXPECT_EQ(std::string("3"), environment["P_COUNT"]);
  EXPECT_EQ(std::string("64MB"), environment["P_MEMORY"]);
  EXPECT_EQ(std::string("10secs"), environment["P_TIMEOUT"]);
  EXPECT_TRUE(environment.count("P_WORK_DIR") == 0);

  const std::string printed = stringify(flags);
  EXPECT_CONTAINS(printed, "--count=\"3\"");
  EXPECT_CONTAINS(printed, "--debug=\"false\"");
  EXPECT_CONTAINS(printed, "--name=\"n\"");
}
