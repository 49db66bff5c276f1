// Mesos module SDK: runs every registered unit test.
//
// Usage: sdk_tests [FILTER]  (only tests whose "Suite.Name" contains FILTER)

#include "test.hpp"

int main(int argc, char** argv)
{
  return sdk_test::runAll(argc, argv);
}
