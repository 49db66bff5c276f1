// mesos::Attributes: an agent's attributes, a list of Attribute messages
// (Mesos 1.11.0 names and results).
//
//   Attributes attributes = Attributes::parse("rack:r1;zone:[1-3];cpus:4");
//   attributes.get(0);                                    // rack=r1 (TEXT)
//   attributes.get<Value::Text>("rack", Value::Text());   // by name, typed
//   attributes.add(Attributes::parse("os", "linux"));
//
// Attribute values are SCALAR, RANGES or TEXT; SET is not an attribute
// type. As in Mesos, both parse() functions end the process through glog's
// LOG(FATAL) on text they cannot parse ("Invalid attribute key:value pair
// '<token>'", "Failed to parse attribute <name> text <text> error <e>"), and
// contains() does so for a SET attribute ("Sets not supported for
// attributes").

#ifndef __ATTRIBUTES_HPP__
#define __ATTRIBUTES_HPP__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <iosfwd>
#include <iterator>
#include <string>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/values.hpp>

#include <stout/option.hpp>

namespace mesos {

// "<name>=<value>", the value printed as in values.hpp.
std::ostream& operator<<(std::ostream& stream, const Attribute& attribute);


class Attributes
{
public:
  Attributes() {}

  /*implicit*/
  Attributes(const google::protobuf::RepeatedPtrField<Attribute>& _attributes)
  {
    attributes.MergeFrom(_attributes);
  }

  /*implicit*/
  Attributes(const Attributes& that)
  {
    attributes.MergeFrom(that.attributes);
  }

  Attributes& operator=(const Attributes& that)
  {
    if (this != &that) {
      attributes.Clear();
      attributes.MergeFrom(that.attributes);
    }
    return *this;
  }

  // Same size, and each side contains every attribute of the other (order
  // and duplicates are not otherwise compared).
  bool operator==(const Attributes& that) const;

  bool operator!=(const Attributes& that) const
  {
    return !(*this == that);
  }

  size_t size() const
  {
    return attributes.size();
  }

  // For copying into a protobuf field: *info.mutable_attributes() = attrs.
  operator const google::protobuf::RepeatedPtrField<Attribute>&() const
  {
    return attributes;
  }

  void add(const Attribute& attribute)
  {
    attributes.Add()->MergeFrom(attribute);
  }

  const Attribute get(int index) const
  {
    return attributes.Get(index);
  }

  // The first attribute with the same name and type (the value is not
  // compared).
  const Option<Attribute> get(const Attribute& thatAttribute) const;

  // The value of the first attribute called `name` holding a T, else `t`.
  // Defined for Value::Scalar, Value::Ranges and Value::Text.
  template <typename T>
  T get(const std::string& name, const T& t) const;

  // Whether an attribute with the same name, type and value is present.
  bool contains(const Attribute& attribute) const;

  typedef google::protobuf::RepeatedPtrField<Attribute>::iterator
  iterator;

  typedef google::protobuf::RepeatedPtrField<Attribute>::const_iterator
  const_iterator;

  iterator begin() { return attributes.begin(); }
  iterator end() { return attributes.end(); }

  const_iterator begin() const { return attributes.begin(); }
  const_iterator end() const { return attributes.end(); }

  // One attribute from its name and value text (see
  // internal::values::parse; a SET value is fatal).
  static Attribute parse(const std::string& name, const std::string& value);

  // "name:value" pairs separated by ';' or newlines; a value may itself
  // contain ':' ("a:b:c" is a = "b:c").
  static Attributes parse(const std::string& s);

  // Has a name, a valid non-SET type and the matching value field.
  static bool isValid(const Attribute& attribute);

private:
  google::protobuf::RepeatedPtrField<Attribute> attributes;
};


template <>
Value::Scalar Attributes::get(
    const std::string& name,
    const Value::Scalar& scalar) const;

template <>
Value::Ranges Attributes::get(
    const std::string& name,
    const Value::Ranges& ranges) const;

template <>
Value::Text Attributes::get(
    const std::string& name,
    const Value::Text& text) const;

} // namespace mesos {

#include <mesos/sdk/libc_names_end.hpp>

#endif // __ATTRIBUTES_HPP__
