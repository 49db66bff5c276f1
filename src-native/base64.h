// Standard base64 (RFC 4648, with padding), for protobuf bytes fields.
#pragma once

#include <string>

namespace mesos_modules {

std::string base64Encode(const std::string& data);

// False when `text` is not valid base64 (padding optional).
bool base64Decode(const std::string& text, std::string* out);

} // namespace mesos_modules
