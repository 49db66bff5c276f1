// mesos::Attributes (mesos/attributes.hpp).

#include <ostream>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <mesos/attributes.hpp>
#include <mesos/values.hpp>

#include "text.hpp"

using std::string;
using std::vector;

namespace mesos {

std::ostream& operator<<(std::ostream& stream, const Attribute& attribute)
{
  stream << attribute.name() << "=";
  switch (attribute.type()) {
    case Value::SCALAR: return stream << attribute.scalar();
    case Value::RANGES: return stream << attribute.ranges();
    case Value::SET:    return stream << attribute.set();
    case Value::TEXT:   return stream << attribute.text();
  }
  LOG(FATAL) << "Unexpected Value type: " << attribute.type();
  return stream;
}


bool Attributes::operator==(const Attributes& that) const
{
  if (size() != that.size()) {
    return false;
  }
  for (const Attribute& attribute : attributes) {
    if (!that.contains(attribute)) {
      return false;
    }
  }
  for (const Attribute& attribute : that.attributes) {
    if (!contains(attribute)) {
      return false;
    }
  }
  return true;
}


const Option<Attribute> Attributes::get(const Attribute& thatAttribute) const
{
  for (const Attribute& attribute : attributes) {
    if (attribute.name() == thatAttribute.name() &&
        attribute.type() == thatAttribute.type()) {
      return attribute;
    }
  }
  return None();
}


bool Attributes::contains(const Attribute& attribute) const
{
  for (const Attribute& candidate : attributes) {
    if (candidate.name() != attribute.name() ||
        candidate.type() != attribute.type()) {
      continue;
    }

    bool same = false;
    switch (candidate.type()) {
      case Value::SCALAR:
        same = candidate.scalar() == attribute.scalar();
        break;
      case Value::RANGES:
        same = candidate.ranges() == attribute.ranges();
        break;
      case Value::TEXT:
        same = candidate.text() == attribute.text();
        break;
      case Value::SET:
        LOG(FATAL) << "Sets not supported for attributes";
        break;
    }
    if (same) {
      return true;
    }
  }
  return false;
}


Attribute Attributes::parse(const string& name, const string& text)
{
  Try<Value> value = internal::values::parse(text);
  if (value.isError()) {
    LOG(FATAL) << "Failed to parse attribute " << name
               << " text " << text
               << " error " << value.error();
  }

  Attribute attribute;
  attribute.set_name(name);

  switch (value->type()) {
    case Value::SCALAR:
      attribute.set_type(Value::SCALAR);
      attribute.mutable_scalar()->MergeFrom(value->scalar());
      break;
    case Value::RANGES:
      attribute.set_type(Value::RANGES);
      attribute.mutable_ranges()->MergeFrom(value->ranges());
      break;
    case Value::TEXT:
      attribute.set_type(Value::TEXT);
      attribute.mutable_text()->MergeFrom(value->text());
      break;
    default:
      LOG(FATAL) << "Bad type for attribute " << name
                 << " text " << text
                 << " type " << value->type();
  }

  return attribute;
}


Attributes Attributes::parse(const string& s)
{
  Attributes attributes;
  for (const string& token : internal::text::tokenize(s, ";\n")) {
    const vector<string> pair = internal::text::split(token, ":", 2);
    if (pair.size() != 2 || pair[0].empty() || pair[1].empty()) {
      LOG(FATAL) << "Invalid attribute key:value pair '" << token << "'";
    }
    attributes.add(parse(pair[0], pair[1]));
  }
  return attributes;
}


bool Attributes::isValid(const Attribute& attribute)
{
  if (!attribute.has_name() || attribute.name().empty() ||
      !attribute.has_type() || !Value::Type_IsValid(attribute.type())) {
    return false;
  }

  switch (attribute.type()) {
    case Value::SCALAR: return attribute.has_scalar();
    case Value::RANGES: return attribute.has_ranges();
    case Value::TEXT:   return attribute.has_text();
    case Value::SET:    return false; // Not an attribute type.
  }
  return false;
}


template <>
Value::Scalar Attributes::get(
    const string& name,
    const Value::Scalar& scalar) const
{
  for (const Attribute& attribute : attributes) {
    if (attribute.name() == name && attribute.type() == Value::SCALAR) {
      return attribute.scalar();
    }
  }
  return scalar;
}


template <>
Value::Ranges Attributes::get(
    const string& name,
    const Value::Ranges& ranges) const
{
  for (const Attribute& attribute : attributes) {
    if (attribute.name() == name && attribute.type() == Value::RANGES) {
      return attribute.ranges();
    }
  }
  return ranges;
}


template <>
Value::Text Attributes::get(
    const string& name,
    const Value::Text& text) const
{
  for (const Attribute& attribute : attributes) {
    if (attribute.name() == name && attribute.type() == Value::TEXT) {
      return attribute.text();
    }
  }
  return text;
}

} // namespace mesos {
