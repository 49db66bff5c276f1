// Mesos module SDK: clean-room libprocess compatibility header.
//
// The network address carried by a UPID. The bundled runtime never opens a
// socket: the address only names this runtime (so UPIDs print, compare and
// parse as in libprocess) and tells local processes from remote ones.
#ifndef __PROCESS_ADDRESS_HPP__
#define __PROCESS_ADDRESS_HPP__

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>

#include <functional>
#include <ostream>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace process {
namespace network {
namespace inet {

// An IPv4 address (stored in network byte order).
class IP
{
public:
  // 0.0.0.0.
  IP() { address.s_addr = htonl(INADDR_ANY); }

  explicit IP(const struct in_addr& _address) : address(_address) {}

  // From a host-byte-order value, e.g. IP(INADDR_LOOPBACK).
  explicit IP(uint32_t hostOrder) { address.s_addr = htonl(hostOrder); }

  // Parses a dotted-quad literal such as "127.0.0.1".
  static Try<IP> parse(const std::string& value)
  {
    struct in_addr in;
    if (::inet_pton(AF_INET, value.c_str(), &in) != 1) {
      return Error("Failed to parse IP address '" + value + "'");
    }
    return IP(in);
  }

  int family() const { return AF_INET; }

  struct in_addr in() const { return address; }

  bool isAny() const { return address.s_addr == htonl(INADDR_ANY); }

  bool isLoopback() const
  {
    return (ntohl(address.s_addr) >> 24) == 127;
  }

  bool operator==(const IP& that) const
  {
    return address.s_addr == that.address.s_addr;
  }

  bool operator!=(const IP& that) const { return !(*this == that); }

  bool operator<(const IP& that) const
  {
    return ntohl(address.s_addr) < ntohl(that.address.s_addr);
  }

private:
  struct in_addr address;
};


inline std::ostream& operator<<(std::ostream& stream, const IP& ip)
{
  char buffer[INET_ADDRSTRLEN] = {};
  struct in_addr in = ip.in();
  if (::inet_ntop(AF_INET, &in, buffer, sizeof(buffer)) == nullptr) {
    return stream << "<invalid IP>";
  }
  return stream << buffer;
}


// An IPv4 address and port; prints as "<ip>:<port>".
class Address
{
public:
  Address() : ip(), port(0) {}

  Address(const IP& _ip, uint16_t _port) : ip(_ip), port(_port) {}

  // 0.0.0.0:0.
  static Address ANY_ANY() { return Address(IP(), 0); }

  // 127.0.0.1:0.
  static Address LOOPBACK_ANY() { return Address(IP(INADDR_LOOPBACK), 0); }

  int family() const { return ip.family(); }

  bool operator==(const Address& that) const
  {
    return ip == that.ip && port == that.port;
  }

  bool operator!=(const Address& that) const { return !(*this == that); }

  bool operator<(const Address& that) const
  {
    if (ip == that.ip) {
      return port < that.port;
    }
    return ip < that.ip;
  }

  IP ip;
  uint16_t port;
};


inline std::ostream& operator<<(std::ostream& stream, const Address& address)
{
  return stream << address.ip << ":" << address.port;
}

} // namespace inet {

namespace inet4 {

using Address = inet::Address;

} // namespace inet4 {
} // namespace network {
} // namespace process {


namespace std {

template <>
struct hash<process::network::inet::IP>
{
  size_t operator()(const process::network::inet::IP& ip) const
  {
    return std::hash<uint32_t>()(ip.in().s_addr);
  }
};

} // namespace std {

#endif // __PROCESS_ADDRESS_HPP__
