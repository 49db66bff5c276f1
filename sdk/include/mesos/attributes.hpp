// mesos::Attributes: a collection of Attribute messages (Mesos 1.11.0 names).
//
// This SDK release provides construction, access by index, iteration,
// comparison and conversion; parsing from text is not provided yet.

#ifndef __MESOS_ATTRIBUTES_HPP__
#define __MESOS_ATTRIBUTES_HPP__

#include <iterator>
#include <string>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>

#include <stout/option.hpp>

namespace mesos {

class Attributes
{
public:
  typedef google::protobuf::RepeatedPtrField<Attribute>::iterator iterator;
  typedef google::protobuf::RepeatedPtrField<Attribute>::const_iterator
    const_iterator;

  Attributes() {}

  Attributes(const google::protobuf::RepeatedPtrField<Attribute>& _attributes)
  {
    attributes.MergeFrom(_attributes);
  }

  Attributes(const Attributes& that) = default;
  Attributes& operator=(const Attributes& that) = default;

  // Order-insensitive containment both ways.
  bool operator==(const Attributes& that) const;
  bool operator!=(const Attributes& that) const { return !(*this == that); }

  size_t size() const { return static_cast<size_t>(attributes.size()); }

  operator const google::protobuf::RepeatedPtrField<Attribute>&() const
  {
    return attributes;
  }

  void add(const Attribute& attribute) { attributes.Add()->CopyFrom(attribute); }

  const Attribute get(int index) const { return attributes.Get(index); }

  // The attribute with the same name, type and value, if present.
  const Option<Attribute> get(const Attribute& thatAttribute) const;

  bool contains(const Attribute& attribute) const;

  iterator begin() { return attributes.begin(); }
  iterator end() { return attributes.end(); }
  const_iterator begin() const { return attributes.begin(); }
  const_iterator end() const { return attributes.end(); }

private:
  google::protobuf::RepeatedPtrField<Attribute> attributes;
};

} // namespace mesos {

#endif // __MESOS_ATTRIBUTES_HPP__
