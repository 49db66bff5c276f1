// Mesos module SDK: clean-room libprocess compatibility header.
//
// UPID names a process: "<id>@<ip>:<port>". PID<T> is the same name typed
// with the process class, for dispatch/defer/delay.
#ifndef __PROCESS_PID_HPP__
#define __PROCESS_PID_HPP__

#include <stdint.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <process/address.hpp>

#include <stout/none.hpp>
#include <stout/option.hpp>

namespace process {

class ProcessBase;


struct UPID
{
  UPID() = default;
  UPID(const UPID& that) = default;
  UPID(UPID&& that) = default;

  UPID(const char* id_, const network::inet::IP& ip_, uint16_t port_)
    : id(std::string(id_)), address(ip_, port_) {}

  UPID(const char* id_, const network::inet::Address& address_)
    : id(std::string(id_)), address(address_) {}

  UPID(const std::string& id_, const network::inet::IP& ip_, uint16_t port_)
    : id(id_), address(ip_, port_) {}

  UPID(const std::string& id_, const network::inet::Address& address_)
    : id(id_), address(address_) {}

  // Parses "<id>@<host>:<port>"; anything unparsable gives an empty UPID.
  /*implicit*/ UPID(const char* s);
  /*implicit*/ UPID(const std::string& s);

  // The UPID of a process (its self()).
  /*implicit*/ UPID(const ProcessBase& process);

  UPID& operator=(const UPID& that) = default;
  UPID& operator=(UPID&& that) = default;

  operator std::string() const;

  // True for a complete UPID (an id, a specific IP and a port).
  operator bool() const
  {
    return id != "" && !address.ip.isAny() && address.port != 0;
  }

  // True only for the empty UPID.
  bool operator!() const // NOLINT(whitespace/operators)
  {
    return id == "" && address.ip.isAny() && address.port == 0;
  }

  bool operator<(const UPID& that) const
  {
    if (address == that.address) {
      return id < that.id;
    }
    return address < that.address;
  }

  bool operator==(const UPID& that) const
  {
    return id == that.id && address == that.address;
  }

  bool operator!=(const UPID& that) const { return !(*this == that); }

  // Kept for source compatibility; lookups are always by id here.
  void resolve() {}

  // The id part: an immutable string shared between copies.
  struct ID
  {
    ID() = default;
    ID(const std::string& s) : value(std::make_shared<const std::string>(s)) {}
    ID(std::string&& s)
      : value(std::make_shared<const std::string>(std::move(s))) {}

    ID& operator=(std::string&& s)
    {
      value = std::make_shared<const std::string>(std::move(s));
      return *this;
    }

    ID& operator=(const std::string& s)
    {
      value = std::make_shared<const std::string>(s);
      return *this;
    }

    bool operator==(const std::string& that) const { return str() == that; }
    bool operator==(const char* that) const { return str() == that; }
    bool operator==(const ID& that) const { return str() == that.str(); }
    bool operator!=(const std::string& that) const { return str() != that; }
    bool operator!=(const char* that) const { return str() != that; }
    bool operator!=(const ID& that) const { return str() != that.str(); }
    bool operator<(const std::string& that) const { return str() < that; }
    bool operator<(const ID& that) const { return str() < that.str(); }

    operator const std::string&() const { return str(); }

  private:
    const std::string& str() const
    {
      static const std::string* empty = new std::string();
      return value ? *value : *empty;
    }

    std::shared_ptr<const std::string> value;
  } id;

  network::inet::Address address = network::inet::Address::ANY_ANY();

  // The host name the UPID was parsed from, if it was not an IP literal.
  Option<std::string> host;
};


inline std::ostream& operator<<(std::ostream& stream, const UPID::ID& id)
{
  return stream << static_cast<const std::string&>(id);
}

inline bool operator==(const std::string& s, const UPID::ID& id)
{
  return id == s;
}

inline bool operator!=(const std::string& s, const UPID::ID& id)
{
  return id != s;
}

inline std::string operator+(const UPID::ID& id, const std::string& s)
{
  return static_cast<const std::string&>(id) + s;
}

inline std::string operator+(const UPID::ID& id, std::string&& s)
{
  return static_cast<const std::string&>(id) + std::move(s);
}

inline std::string operator+(const std::string& s, const UPID::ID& id)
{
  return s + static_cast<const std::string&>(id);
}

inline std::string operator+(std::string&& s, const UPID::ID& id)
{
  return std::move(s) + static_cast<const std::string&>(id);
}


// A UPID typed with the class of the process it names.
template <typename T = ProcessBase>
struct PID : UPID
{
  PID() : UPID() {}

  /*implicit*/ PID(const T* t) : UPID(static_cast<const ProcessBase&>(*t)) {}
  /*implicit*/ PID(const T& t) : UPID(static_cast<const ProcessBase&>(t)) {}

  // Upcasts only: PID<Derived> converts to PID<Base>.
  template <
      typename Base,
      typename = std::enable_if_t<std::is_base_of<Base, T>::value>>
  operator PID<Base>() const
  {
    PID<Base> pid;
    pid.id = id;
    pid.address = address;
    pid.host = host;
    return pid;
  }
};


// "<id>@<ip>:<port>".
std::ostream& operator<<(std::ostream& stream, const UPID& pid);

// Parses "<id>@<host>:<port>"; sets badbit (and leaves an empty UPID) on
// malformed input.
std::istream& operator>>(std::istream& stream, UPID& pid);

} // namespace process {


namespace std {

template <>
struct hash<process::UPID>
{
  typedef size_t result_type;
  typedef process::UPID argument_type;

  size_t operator()(const process::UPID& pid) const
  {
    size_t seed = std::hash<std::string>()(
        static_cast<const std::string&>(pid.id));
    auto combine = [&seed](size_t value) {
      seed ^= value + 0x9e3779b9 + (seed << 6) + (seed >> 2);
    };
    combine(std::hash<process::network::inet::IP>()(pid.address.ip));
    combine(std::hash<uint16_t>()(pid.address.port));
    return seed;
  }
};

} // namespace std {

#endif // __PROCESS_PID_HPP__
