// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_ID_HPP__
#define __PROCESS_ID_HPP__

#include <string>

namespace process {
namespace ID {

// Returns "<prefix>(<n>)", where n counts how many IDs have been generated
// with this prefix in this process so far (starting at 1).
std::string generate(const std::string& prefix = "");

} // namespace ID {
} // namespace process {

#endif // __PROCESS_ID_HPP__
