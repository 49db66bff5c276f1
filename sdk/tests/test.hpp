// Mesos module SDK: a tiny self-contained unit-test framework.
//
//   TEST(Suite, Name) { EXPECT_EQ(1, 1); ASSERT_TRUE(ok); ... }
//
// EXPECT_* record a failure and continue; ASSERT_* record a failure and
// return from the test body. sdk_test::runAll() runs every registered test
// (optionally only those whose "Suite.Name" contains a filter string),
// prints one line per failure plus a summary, and returns non-zero if any
// test failed. The last line of output is always "N passed, M failed".
#ifndef __SDK_TESTS_TEST_HPP__
#define __SDK_TESTS_TEST_HPP__

#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace sdk_test {

struct TestCase
{
  std::string name;
  void (*body)();
};


inline std::vector<TestCase>& registry()
{
  static std::vector<TestCase> tests;
  return tests;
}


// Failures recorded by the test that is currently running.
inline int& currentFailures()
{
  static int failures = 0;
  return failures;
}


struct Registrar
{
  Registrar(const char* suite, const char* name, void (*body)())
  {
    registry().push_back(TestCase{std::string(suite) + "." + name, body});
  }
};


inline void reportFailure(
    const char* file, int line, const std::string& message)
{
  ++currentFailures();
  std::cout << "  " << file << ":" << line << ": " << message << std::endl;
}


// Prints a value if it is streamable, a placeholder otherwise.
template <typename T, typename = void>
struct Printer
{
  static std::string print(const T&) { return "<unprintable>"; }
};

template <typename T>
struct Printer<
    T,
    std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
{
  static std::string print(const T& value)
  {
    std::ostringstream out;
    out << value;
    return out.str();
  }
};

inline std::string printValue(bool value) { return value ? "true" : "false"; }

inline std::string printValue(const std::string& value)
{
  return "\"" + value + "\"";
}

inline std::string printValue(const char* value)
{
  return value == nullptr ? "nullptr" : "\"" + std::string(value) + "\"";
}

template <typename T>
std::string printValue(const T& value)
{
  return Printer<T>::print(value);
}


// Compares two values; on mismatch records a failure and returns false.
template <typename A, typename B, typename Compare>
bool compare(
    const char* file,
    int line,
    const char* op,
    const char* textA,
    const char* textB,
    const A& a,
    const B& b,
    Compare cmp)
{
  if (cmp(a, b)) {
    return true;
  }
  reportFailure(
      file,
      line,
      std::string("expected ") + textA + " " + op + " " + textB +
        ", got " + printValue(a) + " vs " + printValue(b));
  return false;
}


// Outcome of running a function in a forked child process.
struct ChildOutcome
{
  bool aborted = false;   // Terminated by SIGABRT (or another signal).
  int exitCode = -1;      // Exit status if it exited normally.
  std::string output;     // Everything the child wrote to stderr.
};


// Runs `f` in a forked child with stderr captured. Used to test paths
// that abort the process (ABORT, glog FATAL).
inline ChildOutcome runInChild(const std::function<void()>& f)
{
  ChildOutcome outcome;

  int fds[2];
  if (::pipe(fds) != 0) {
    outcome.output = "pipe() failed";
    return outcome;
  }

  std::cout.flush();
  std::cerr.flush();

  pid_t pid = ::fork();
  if (pid < 0) {
    outcome.output = "fork() failed";
    ::close(fds[0]);
    ::close(fds[1]);
    return outcome;
  }

  if (pid == 0) {
    ::close(fds[0]);
    ::dup2(fds[1], STDERR_FILENO);
    ::close(fds[1]);
    f();
    ::_exit(0);
  }

  ::close(fds[1]);
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof(buffer))) != 0) {
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    outcome.output.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}

  if (WIFSIGNALED(status)) {
    outcome.aborted = true;
  } else if (WIFEXITED(status)) {
    outcome.exitCode = WEXITSTATUS(status);
  }
  return outcome;
}


inline int runAll(int argc, char** argv)
{
  const std::string filter = argc > 1 ? argv[1] : "";

  int passed = 0;
  int failed = 0;
  for (const TestCase& test : registry()) {
    if (!filter.empty() && test.name.find(filter) == std::string::npos) {
      continue;
    }

    currentFailures() = 0;
    std::cout << "[ RUN      ] " << test.name << std::endl;
    try {
      test.body();
    } catch (const std::exception& e) {
      reportFailure(__FILE__, __LINE__,
                    std::string("uncaught exception: ") + e.what());
    } catch (...) {
      reportFailure(__FILE__, __LINE__, "uncaught non-standard exception");
    }

    if (currentFailures() == 0) {
      ++passed;
      std::cout << "[       OK ] " << test.name << std::endl;
    } else {
      ++failed;
      std::cout << "[  FAILED  ] " << test.name << std::endl;
    }
  }

  std::cout << passed << " passed, " << failed << " failed" << std::endl;
  return failed > 0 ? 1 : 0;
}

} // namespace sdk_test {


#define SDK_TEST_NAME(suite, name) sdk_test_##suite##_##name

#define TEST(suite, name)                                                  \
  static void SDK_TEST_NAME(suite, name)();                                \
  static ::sdk_test::Registrar SDK_TEST_NAME(suite, name##_registrar)(     \
      #suite, #name, &SDK_TEST_NAME(suite, name));                         \
  static void SDK_TEST_NAME(suite, name)()


#define SDK_TEST_CHECK(condition, text, onFailure)                         \
  do {                                                                     \
    if (!(condition)) {                                                    \
      ::sdk_test::reportFailure(__FILE__, __LINE__, text);                 \
      onFailure;                                                           \
    }                                                                      \
  } while (false)

#define EXPECT_TRUE(condition) \
  SDK_TEST_CHECK(condition, "expected true: " #condition, (void) 0)
#define EXPECT_FALSE(condition) \
  SDK_TEST_CHECK(!(condition), "expected false: " #condition, (void) 0)
#define ASSERT_TRUE(condition) \
  SDK_TEST_CHECK(condition, "expected true: " #condition, return)
#define ASSERT_FALSE(condition) \
  SDK_TEST_CHECK(!(condition), "expected false: " #condition, return)


#define SDK_TEST_COMPARE(a, b, op, onFailure)                              \
  do {                                                                     \
    if (!::sdk_test::compare(                                              \
            __FILE__, __LINE__, #op, #a, #b, (a), (b),                     \
            [](const auto& x, const auto& y) { return x op y; })) {        \
      onFailure;                                                           \
    }                                                                      \
  } while (false)

#define EXPECT_EQ(a, b) SDK_TEST_COMPARE(a, b, ==, (void) 0)
#define EXPECT_NE(a, b) SDK_TEST_COMPARE(a, b, !=, (void) 0)
#define EXPECT_LT(a, b) SDK_TEST_COMPARE(a, b, <, (void) 0)
#define EXPECT_LE(a, b) SDK_TEST_COMPARE(a, b, <=, (void) 0)
#define EXPECT_GT(a, b) SDK_TEST_COMPARE(a, b, >, (void) 0)
#define EXPECT_GE(a, b) SDK_TEST_COMPARE(a, b, >=, (void) 0)
#define ASSERT_EQ(a, b) SDK_TEST_COMPARE(a, b, ==, return)
#define ASSERT_NE(a, b) SDK_TEST_COMPARE(a, b, !=, return)

// Checks that `haystack` (a std::string) contains `needle`.
#define EXPECT_CONTAINS(haystack, needle)                                  \
  SDK_TEST_CHECK(                                                          \
      std::string(haystack).find(needle) != std::string::npos,             \
      std::string("expected '") + std::string(haystack) +                  \
        "' to contain '" + (needle) + "'",                                 \
      (void) 0)

#endif // __SDK_TESTS_TEST_HPP__
