// Mesos module SDK: mesos/resources.hpp and mesos/resource_quantities.hpp,
// with the results Mesos's own resource tests document
// (src/tests/resources_tests.cpp, 1.11.0).

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <mesos/resource_quantities.hpp>
#include <mesos/resources.hpp>
#include <mesos/values.hpp>

#include <stout/bytes.hpp>
#include <stout/hashmap.hpp>

#include "test.hpp"

using mesos::Resource;
using mesos::ResourceConversion;
using mesos::ResourceLimits;
using mesos::ResourceQuantities;
using mesos::Resources;
using mesos::Value;

using google::protobuf::RepeatedPtrField;

namespace {

Resources parse(const std::string& text, const std::string& role = "*")
{
  Try<Resources> resources = Resources::parse(text, role);
  if (resources.isError()) {
    ::sdk_test::reportFailure(__FILE__, __LINE__, resources.error());
    return Resources();
  }
  return resources.get();
}


Resource resource(
    const std::string& name,
    const std::string& value,
    const std::string& role = "*")
{
  return Resources::parse(name, value, role).get();
}


Value::Ranges ranges(const std::string& text)
{
  return mesos::internal::values::parse(text)->ranges();
}


Resource::ReservationInfo staticReservation(const std::string& role)
{
  Resource::ReservationInfo reservation;
  reservation.set_type(Resource::ReservationInfo::STATIC);
  reservation.set_role(role);
  return reservation;
}


Resource::ReservationInfo dynamicReservation(
    const std::string& role,
    const Option<std::string>& principal = None())
{
  Resource::ReservationInfo reservation;
  reservation.set_type(Resource::ReservationInfo::DYNAMIC);
  reservation.set_role(role);
  if (principal.isSome()) {
    reservation.set_principal(principal.get());
  }
  return reservation;
}


// A persistent volume of `megabytes` reserved to `role`.
Resource volume(
    double megabytes,
    const std::string& role,
    const std::string& id,
    const std::string& path,
    bool shared)
{
  Resource disk = resource("disk", std::to_string(megabytes), role);
  disk.mutable_disk()->mutable_persistence()->set_id(id);
  disk.mutable_disk()->mutable_volume()->set_container_path(path);
  disk.mutable_disk()->mutable_volume()->set_mode(mesos::Volume::RW);
  if (shared) {
    disk.mutable_shared();
  }
  return disk;
}


template <typename T>
std::string print(const T& value)
{
  std::ostringstream out;
  out << value;
  return out.str();
}

} // namespace {


// --- Parsing ---------------------------------------------------------------

TEST(MesosResources, Parsing)
{
  Resource cpus = resource("cpus", "45.55");
  ASSERT_EQ(Value::SCALAR, cpus.type());
  EXPECT_EQ(45.55, cpus.scalar().value());
  EXPECT_EQ(0, cpus.reservations_size());

  Resource ports = resource("ports", "[10000-20000, 30000-50000]");
  ASSERT_EQ(Value::RANGES, ports.type());
  EXPECT_EQ(2, ports.ranges().range_size());

  Resource disks = resource("disks", "{sda1}");
  ASSERT_EQ(Value::SET, disks.type());
  ASSERT_EQ(1, disks.set().item_size());
  EXPECT_EQ("sda1", disks.set().item(0));

  Resources r1 = parse("cpus:45.55;ports:[10000-20000, 30000-50000];disks:{sda1}");

  Resources r2;
  r2 += cpus;
  r2 += ports;
  r2 += disks;

  EXPECT_TRUE(r1 == r2);
  EXPECT_EQ(3u, r1.size());
}


TEST(MesosResources, ParsingWithRoles)
{
  Resources parsed = parse("cpus(role1):2;mem(role1):3");

  Resource cpus;
  cpus.set_name("cpus");
  cpus.set_type(Value::SCALAR);
  cpus.mutable_scalar()->set_value(2);
  cpus.add_reservations()->CopyFrom(staticReservation("role1"));

  Resource mem;
  mem.set_name("mem");
  mem.set_type(Value::SCALAR);
  mem.mutable_scalar()->set_value(3);
  mem.add_reservations()->CopyFrom(staticReservation("role1"));

  Resources expected;
  expected += cpus;
  expected += mem;
  EXPECT_TRUE(parsed == expected);

  Resources withPorts = parse("cpus(role1):2.5;ports(role2):[0-100]");
  EXPECT_TRUE(withPorts == parse("cpus:2.5;ports(role2):[0-100]", "role1"));

  // Names and roles are trimmed.
  EXPECT_TRUE(parse(" cpus ( role1 ) :2") == parse("cpus(role1):2"));
}


TEST(MesosResources, ParseErrors)
{
  EXPECT_TRUE(Resources::parse("cpus(role1)").isError());
  EXPECT_TRUE(Resources::parse("cpus(role1:1").isError());
  EXPECT_TRUE(Resources::parse("cpus)(role1:1").isError());
  EXPECT_TRUE(Resources::parse("foo(role1):1;foo(role2):[0-1]").isError());

  EXPECT_EQ(
      "Bad value for resources, missing or extra ':' in cpus(role1)",
      Resources::parse("cpus(role1)").error());
  EXPECT_EQ(
      "Bad value for resources, missing or extra ':' in a:b:c",
      Resources::parse("a:b:c").error());
  EXPECT_EQ(
      "Bad value for resources, mismatched parentheses in cpus)(role1:1",
      Resources::parse("cpus)(role1:1").error());
  EXPECT_EQ(
      "Resources with the same name ('foo') but different types are not"
      " allowed",
      Resources::parse("foo(role1):1;foo(role2):[0-1]").error());
  EXPECT_EQ(
      "Failed to parse resource cpus value [1-2 error Mismatched brackets",
      Resources::parse("cpus:[1-2").error());
  EXPECT_EQ(
      "Bad type for resource rack value rack1 type TEXT",
      Resources::parse("rack:rack1").error());
  EXPECT_EQ(
      "Invalid scalar resource: value <= 0",
      Resources::parse("cpus:0.00001").error());
  EXPECT_EQ(
      "Invalid ranges resource: begin > end",
      Resources::parse("ports:[5-3]").error());
  EXPECT_EQ(
      "Invalid set resource: duplicated elements",
      Resources::parse("disks:{a,a}").error());
  EXPECT_EQ(
      "Role 'a//b' cannot contain two adjacent slashes",
      Resources::parse("cpus(a//b):1").error());
  Resource starReserved = resource("cpus", "1");
  starReserved.add_reservations()->CopyFrom(staticReservation("*"));
  EXPECT_EQ(
      "Invalid reservation: role \"*\" cannot be reserved",
      Resources::validate(starReserved)->message);

  // A JSON object is not an array: it is read as text and fails there.
  EXPECT_TRUE(Resources::parse("{\"name\":\"cpus\"}").isError());
}


TEST(MesosResources, ParsingFromJSON)
{
  Try<Resources> cpus = Resources::parse(
      "[\n"
      "  {\n"
      "    \"name\": \"cpus\",\n"
      "    \"type\": \"SCALAR\",\n"
      "    \"scalar\": {\n"
      "      \"value\": 45.55\n"
      "    }\n"
      "  }\n"
      "]");
  ASSERT_TRUE(cpus.isSome());
  ASSERT_EQ(1u, cpus->size());
  EXPECT_EQ(Value::SCALAR, cpus->begin()->type());
  EXPECT_EQ(45.55, cpus->begin()->scalar().value());

  Try<Resources> all = Resources::parse(
      "[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":45.55}},"
      " {\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":["
      "   {\"begin\":10000,\"end\":20000},{\"begin\":30000,\"end\":50000}]}},"
      " {\"name\":\"pandas\",\"type\":\"SET\",\"set\":{\"item\":"
      "   [\"lun_lun\",\"yang_yang\"]}}]");
  ASSERT_TRUE(all.isSome());
  EXPECT_TRUE(all.get() ==
      parse("cpus:45.55;ports:[10000-20000,30000-50000];"
            "pandas:{lun_lun,yang_yang}"));

  // A role in the old `role` field becomes a STATIC reservation; the
  // default role applies to resources without one.
  Try<std::vector<Resource>> roles = Resources::fromJSON(
      JSON::parse<JSON::Array>(
          "[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},"
          "  \"role\":\"role1\"},"
          " {\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":2}}]")
        .get(),
      "role2");
  ASSERT_TRUE(roles.isSome());
  ASSERT_EQ(2u, roles->size());
  EXPECT_FALSE(roles->at(0).has_role());
  ASSERT_EQ(1, roles->at(0).reservations_size());
  EXPECT_EQ("role1", roles->at(0).reservations(0).role());
  EXPECT_EQ(
      Resource::ReservationInfo::STATIC, roles->at(0).reservations(0).type());
  EXPECT_EQ("role2", roles->at(1).reservations(0).role());

  // Missing comma between array elements.
  EXPECT_TRUE(Resources::parse(
      "[{\"name\":\"a\",\"type\":\"SET\",\"set\":{\"item\":[\"x\"]}}"
      " {\"name\":\"b\",\"type\":\"SET\",\"set\":{\"item\":[\"y\"]}}]")
    .isError());
}


// --- The well-known resources ----------------------------------------------

TEST(MesosResources, WellKnownResources)
{
  Resources r = parse(
      "cpus:45.55;mem:1024;ports:[10000-20000, 30000-50000];disk:512");

  ASSERT_TRUE(r.cpus().isSome());
  EXPECT_EQ(45.55, r.cpus().get());
  EXPECT_TRUE(r.mem() == Megabytes(1024));
  EXPECT_TRUE(r.disk() == Megabytes(512));
  ASSERT_TRUE(r.ports().isSome());
  EXPECT_EQ(std::string("[10000-20000, 30000-50000]"), print(r.ports().get()));
  EXPECT_TRUE(r.gpus().isNone());
  EXPECT_TRUE(r.ephemeral_ports().isNone());

  r = parse("cpus:45.55;disk:512");
  EXPECT_EQ(45.55, r.cpus().get());
  EXPECT_TRUE(r.disk() == Megabytes(512));
  EXPECT_TRUE(r.mem().isNone());
  EXPECT_TRUE(r.ports().isNone());

  // Totals span roles; the fraction of a megabyte is dropped.
  Resources mixed = parse("mem(role1):100.7;mem:28");
  EXPECT_TRUE(mixed.mem() == Megabytes(128));
}


// --- Printing --------------------------------------------------------------

TEST(MesosResources, Printing)
{
  EXPECT_EQ(
      std::string("cpus:45.55; ports:[10000-20000, 30000-50000]; disks:{sda1}"),
      print(parse(
          "cpus:45.55;ports:[10000-20000, 30000-50000];disks:{sda1}")));

  EXPECT_EQ(std::string("{}"), print(Resources()));

  const RepeatedPtrField<Resource> field = parse("cpus:1");
  EXPECT_CONTAINS(print(field), "\"name\":\"cpus\"");
}


TEST(MesosResources, PrintingExtendedAttributes)
{
  Resource disk;
  disk.set_name("disk");
  disk.set_type(Value::SCALAR);
  disk.mutable_scalar()->set_value(1);
  EXPECT_EQ(std::string("disk:1"), print(disk));

  disk.add_reservations()->CopyFrom(staticReservation("alice"));
  EXPECT_EQ(std::string("disk(reservations: [(STATIC,alice)]):1"), print(disk));

  disk.mutable_allocation_info()->set_role("role");
  EXPECT_EQ(
      std::string("disk(allocated: role)(reservations: [(STATIC,alice)]):1"),
      print(disk));
  disk.clear_allocation_info();

  disk.mutable_revocable();
  EXPECT_EQ(
      std::string("disk(reservations: [(STATIC,alice)]){REV}:1"), print(disk));
  disk.clear_revocable();

  disk.mutable_disk()->mutable_persistence()->set_id("hadoop");
  disk.mutable_disk()->mutable_volume()->set_container_path("/data");
  EXPECT_EQ(
      std::string("disk(reservations: [(STATIC,alice)])[hadoop:/data]:1"),
      print(disk));

  disk.mutable_revocable();
  EXPECT_EQ(
      std::string("disk(reservations: [(STATIC,alice)])[hadoop:/data]{REV}:1"),
      print(disk));
  disk.clear_revocable();

  disk.mutable_disk()->mutable_volume()->set_host_path("/hdfs");
  disk.mutable_disk()->mutable_volume()->set_mode(mesos::Volume::RW);
  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,alice)])[hadoop:/hdfs:/data:rw]:1"),
      print(disk));

  disk.mutable_disk()->mutable_source()->set_type(
      Resource::DiskInfo::Source::MOUNT);
  disk.mutable_disk()->mutable_source()->mutable_mount()->set_root("/mnt1");
  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,alice)])"
          "[MOUNT:/mnt1,hadoop:/hdfs:/data:rw]:1"),
      print(disk));
  disk.mutable_disk()->clear_source();

  disk.mutable_disk()->mutable_source()->set_type(
      Resource::DiskInfo::Source::PATH);
  disk.mutable_disk()->mutable_source()->mutable_path()->set_root("/mnt2");
  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,alice)])"
          "[PATH:/mnt2,hadoop:/hdfs:/data:rw]:1"),
      print(disk));
  disk.mutable_disk()->clear_source();

  Resource::ReservationInfo* refined = disk.add_reservations();
  refined->CopyFrom(dynamicReservation("alice/refined", std::string("hdfs-p")));
  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,alice),(DYNAMIC,alice/refined,hdfs-p)])"
          "[hadoop:/hdfs:/data:rw]:1"),
      print(disk));

  mesos::Label* label = refined->mutable_labels()->add_labels();
  label->set_key("foo");
  label->set_value("bar");
  refined->mutable_labels()->add_labels()->set_key("foo");
  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,alice),(DYNAMIC,alice/refined,hdfs-p,"
          "{foo: bar, foo})])[hadoop:/hdfs:/data:rw]:1"),
      print(disk));
}


TEST(MesosResources, PrintingScalarPrecision)
{
  Resource cpus = resource("cpus", "1.234");
  EXPECT_EQ(std::string("cpus:1.234"), print(cpus));

  cpus.mutable_scalar()->set_value(1.2345);
  EXPECT_EQ(std::string("cpus:1.235"), print(cpus));

  cpus.mutable_scalar()->set_value(1.1);
  EXPECT_EQ(std::string("cpus:1.1"), print(cpus));

  cpus.mutable_scalar()->set_value(1000001);
  EXPECT_EQ(std::string("cpus:1000001"), print(cpus));
}


// --- Construction drops what is invalid or empty ---------------------------

TEST(MesosResources, InvalidAndEmptyAreDropped)
{
  EXPECT_TRUE(Resources().empty());

  Resource nameless;
  nameless.set_type(Value::SCALAR);
  nameless.mutable_scalar()->set_value(1);

  Resources r;
  r += nameless;
  EXPECT_TRUE(r.empty());

  Resource zero = nameless;
  zero.set_name("cpus");
  zero.mutable_scalar()->set_value(0);
  r += zero;
  EXPECT_TRUE(r.empty());

  Resource negative = zero;
  negative.mutable_scalar()->set_value(-1);
  EXPECT_FALSE(Resources(resource("cpus", "2")).contains(negative));

  // "gpus:0" parses, and holds nothing.
  Try<Resources> gpus = Resources::parse("gpus:0");
  ASSERT_TRUE(gpus.isSome());
  EXPECT_EQ(0u, gpus->size());

  // A repeated field is merged: not an identity.
  RepeatedPtrField<Resource> field;
  *field.Add() = resource("cpus", "1");
  *field.Add() = resource("cpus", "2");
  *field.Add() = nameless;
  const RepeatedPtrField<Resource> back = Resources(field);
  ASSERT_EQ(1, back.size());
  EXPECT_EQ(3.0, back.Get(0).scalar().value());
}


// --- Scalars ---------------------------------------------------------------

TEST(MesosResources, ScalarEqualsAndSubset)
{
  Resources r1;
  r1 += resource("cpus", "3");
  r1 += resource("mem", "3072");

  Resources r2 = parse("cpus:3;mem:3072");
  EXPECT_TRUE(r1 == r2);
  EXPECT_TRUE(Resources(resource("cpus", "3", "role1")) !=
              Resources(resource("cpus", "3", "role2")));

  Resources small = parse("cpus:1;mem:3072");
  Resources big = parse("cpus:1;mem:4096");
  EXPECT_TRUE(big.contains(small));
  EXPECT_FALSE(small.contains(big));

  Resources role1 = parse("cpus(role1):1");
  Resources role2 = parse("cpus(role2):1");
  Resources role1Big = parse("cpus(role1):3");
  EXPECT_FALSE(role2.contains(role1));
  EXPECT_FALSE(role1.contains(role2));
  EXPECT_FALSE(role1.contains(role1Big));
  EXPECT_TRUE(role1Big.contains(role1));
  EXPECT_FALSE(role1Big.contains(role2));

  EXPECT_FALSE(Resources() == parse("cpus:2"));
}


TEST(MesosResources, ScalarAddition)
{
  Resources r1 = parse("cpus:1;mem:5");
  Resources r2;
  r2 += Resource(resource("cpus", "2"));
  r2 += Resource(resource("mem", "10"));

  Resources sum = r1 + r2;
  EXPECT_EQ(2u, sum.size());
  EXPECT_EQ(3, sum.get<Value::Scalar>("cpus")->value());
  EXPECT_EQ(15, sum.get<Value::Scalar>("mem")->value());

  EXPECT_TRUE(sum == Resources(r1) + r2);
  EXPECT_TRUE(sum == r1 + Resources(r2));
  EXPECT_TRUE(sum == Resources(r1) + Resources(r2));

  Resources accumulated = r1;
  accumulated += r2;
  EXPECT_TRUE(accumulated == sum);

  Resources roles = parse("cpus(role1):1;cpus(role2):3") + parse("cpus(role1):5");
  EXPECT_EQ(2u, roles.size());
  EXPECT_EQ(9, roles.cpus().get());
  EXPECT_TRUE(roles == parse("cpus(role1):6;cpus(role2):3"));
}


TEST(MesosResources, ScalarSubtraction)
{
  Resources r1 = parse("cpus:50;mem:4096");
  Resources r2 = parse("cpus:0.5;mem:1024");

  Resources difference = r1 - r2;
  EXPECT_EQ(49.5, difference.get<Value::Scalar>("cpus")->value());
  EXPECT_EQ(3072, difference.get<Value::Scalar>("mem")->value());

  Resources r = r1;
  r -= r2;
  EXPECT_TRUE(r == difference);

  r = r1;
  r -= r1;
  EXPECT_TRUE(r.empty());

  Resources roles = parse("cpus(role1):5;cpus(role2):3") - parse("cpus(role1):1");
  EXPECT_EQ(2u, roles.size());
  EXPECT_EQ(7, roles.cpus().get());
  EXPECT_TRUE(roles == parse("cpus(role1):4;cpus(role2):3"));

  // Taking away more than there is leaves nothing.
  EXPECT_TRUE((parse("cpus:1") - parse("cpus:2")).empty());
  // What is not there is ignored.
  EXPECT_TRUE(parse("cpus:1") - parse("mem:2") == parse("cpus:1"));
}


TEST(MesosResources, Precision)
{
  Resources cpu = parse("cpus:1.001");
  EXPECT_EQ(1.001, cpu.cpus().get());

  Resources r1 = cpu + cpu + cpu - cpu - cpu;
  EXPECT_TRUE(cpu == r1);
  EXPECT_EQ(1.001, r1.cpus().get());

  Resources zero = parse("cpus:0");
  EXPECT_TRUE(cpu == cpu - zero);
  EXPECT_TRUE(cpu == cpu + zero);

  Resources current = cpu;
  for (int i = 0; i < 2500; i++) {
    Resources next = current + current + current - current - current;
    if (!(next == cpu) || next.cpus().get() != 1.001) {
      ::sdk_test::reportFailure(__FILE__, __LINE__, "drift at " + print(next));
      break;
    }
    current = next;
  }

  Resources total = cpu;
  for (int i = 0; i < 100000; i++) {
    total += cpu;
  }
  for (int i = 0; i < 100000; i++) {
    total -= cpu;
  }
  EXPECT_TRUE(cpu == total);

  Resources lost = parse("cpus:1.5011");
  EXPECT_EQ(1.501, lost.cpus().get());
  EXPECT_EQ(1.501, (lost + lost + lost - lost - lost).cpus().get());

  Resources rounded = parse("cpus:1.5015");
  EXPECT_EQ(1.502, rounded.cpus().get());

  EXPECT_TRUE(Resources::parse("cpus:0.00001").isError());
}


// --- Ranges and sets -------------------------------------------------------

TEST(MesosResources, Ranges)
{
  EXPECT_TRUE(Resources(resource("ports", "[20-40]")) ==
              Resources(resource("ports", "[20-30, 31-39, 40-40]")));

  Resources r1 = resource("ports", "[2-2, 4-5]");
  Resources r2 = resource("ports", "[1-10]");
  Resources r3 = resource("ports", "[2-3]");
  Resources r4 = resource("ports", "[1-2, 4-6]");
  Resources r5 = resource("ports", "[1-4, 5-5]");
  EXPECT_TRUE(r2.contains(r1));
  EXPECT_FALSE(r1.contains(r2));
  EXPECT_FALSE(r3.contains(r1));
  EXPECT_FALSE(r1.contains(r3));
  EXPECT_TRUE(r2.contains(r3));
  EXPECT_FALSE(r3.contains(r2));
  EXPECT_TRUE(r4.contains(r1));
  EXPECT_TRUE(r2.contains(r4));
  EXPECT_TRUE(r5.contains(r1));
  EXPECT_FALSE(r1.contains(r5));

  Resources sum;
  sum += resource("ports", "[20000-40000]");
  sum += Resource(resource("ports", "[30000-50000, 10000-20000]"));
  EXPECT_TRUE(sum.get<Value::Ranges>("ports") == ranges("[10000-50000]"));

  sum = Resources(resource("ports", "[1-10, 5-30, 50-60]")) +
        resource("ports", "[1-65, 70-80]");
  EXPECT_TRUE(sum.get<Value::Ranges>("ports") == ranges("[1-65, 70-80]"));

  sum = Resources(resource("ports", "[1-4, 9-10, 20-22, 26-30]")) +
        resource("ports", "[5-8, 23-25]");
  EXPECT_TRUE(sum.get<Value::Ranges>("ports") == ranges("[1-10, 20-30]"));

  Resources difference = resource("ports", "[20000-40000]");
  difference -= resource("ports", "[10000-20000, 30000-50000]");
  EXPECT_TRUE(
      difference.get<Value::Ranges>("ports") == ranges("[20001-29999]"));

  difference = Resources(resource("ports", "[50000-60000]")) -
               resource("ports", "[50000-50001]");
  EXPECT_TRUE(
      difference.get<Value::Ranges>("ports") == ranges("[50002-60000]"));

  // Subtracting everything removes the resource.
  EXPECT_TRUE((r3 - r3).empty());
}


TEST(MesosResources, Sets)
{
  Resources disks = resource("disks", "{sda1,sda2}");
  EXPECT_TRUE(disks == Resources(resource("disks", "{sda1,sda2}")));
  EXPECT_TRUE(disks.contains(Resources(resource("disks", "{sda1}"))));
  EXPECT_FALSE(disks.contains(Resources(resource("disks", "{sda3}"))));

  Resources sum = disks + resource("disks", "{sda3}");
  EXPECT_EQ(3, sum.get<Value::Set>("disks")->item_size());

  Resources difference = sum - resource("disks", "{sda1,sda3}");
  ASSERT_EQ(1, difference.get<Value::Set>("disks")->item_size());
  EXPECT_EQ("sda2", difference.get<Value::Set>("disks")->item(0));
}


// --- Roles, reservations and allocations -----------------------------------

TEST(MesosResources, Reservations)
{
  Resources unreserved = parse("cpus:1;mem:2;disk:4");
  Resources role1 = parse("cpus(role1):2;mem(role1):4;disk(role1):8");
  Resources role2 = parse("cpus(role2):4;mem(role2):8;disk(role2):6");

  Resources resources = unreserved + role1 + role2;

  hashmap<std::string, Resources> reserved = resources.reservations();
  EXPECT_EQ(2u, reserved.size());
  EXPECT_TRUE(role1 == reserved["role1"]);
  EXPECT_TRUE(role2 == reserved["role2"]);

  EXPECT_TRUE(role1 == resources.reserved("role1"));
  EXPECT_TRUE(role2 == resources.reserved("role2"));
  EXPECT_TRUE(Resources() == resources.reserved("*"));
  EXPECT_TRUE(unreserved == resources.unreserved());
  EXPECT_TRUE(role1 + role2 == resources.reserved());

  EXPECT_TRUE(resources.toUnreserved() == parse("cpus:7;mem:14;disk:18"));
}


TEST(MesosResources, HierarchicalReservations)
{
  Resources unreserved = parse("cpus:1;mem:2;disk:4");
  Resources grandfather = parse("cpus(a):2;mem(a):4;disk(a):8");
  Resources father = parse("cpus(a/bx):4;mem(a/bx):8;disk(a/bx):16");
  Resources uncle = parse("cpus(a/b):4;mem(a/b):8;disk(a/b):16");
  Resources child = parse("cpus(a/bx/c):8;mem(a/bx/c):16;disk(a/bx/c):32");

  Resources family = unreserved + grandfather + father + uncle + child;

  EXPECT_TRUE(unreserved == family.allocatableTo("*"));
  EXPECT_TRUE(grandfather + unreserved == family.allocatableTo("a"));
  EXPECT_TRUE(
      grandfather + father + unreserved == family.allocatableTo("a/bx"));
  EXPECT_TRUE(
      grandfather + father + child + unreserved ==
      family.allocatableTo("a/bx/c"));

  EXPECT_TRUE(
      father + child == family.reservedToRoleSubtree("a/bx"));
}


TEST(MesosResources, Allocations)
{
  Resources cpus1 = resource("cpus", "1");
  Resources mem1 = resource("mem", "1024");
  cpus1.allocate("*");
  mem1.allocate("*");

  Resources cpus2 = resource("cpus", "2");
  Resources mem2 = resource("mem", "2048");
  cpus2.allocate("role1");
  mem2.allocate("role1");

  Resources cpus3 = resource("cpus", "3", "role2");
  Resources mem3 = resource("mem", "3096", "role2");
  cpus3.allocate("role2");
  mem3.allocate("role2");

  Resources resources = cpus1 + cpus2 + cpus3 + mem1 + mem2 + mem3;

  hashmap<std::string, Resources> allocations = resources.allocations();
  EXPECT_EQ(3u, allocations.size());
  EXPECT_TRUE(cpus1 + mem1 == allocations["*"]);
  EXPECT_TRUE(cpus2 + mem2 == allocations["role1"]);
  EXPECT_TRUE(cpus3 + mem3 == allocations["role2"]);

  // Allocated to different roles: not equal, not merged.
  EXPECT_TRUE(cpus1 != cpus2);
  EXPECT_EQ(2u, (cpus1 + cpus2).size());
  EXPECT_TRUE((cpus1 + cpus2).contains(cpus1));
  EXPECT_TRUE(cpus1 == cpus1 - cpus2);

  EXPECT_TRUE(resources.allocatedToRoleSubtree("role1") == cpus2 + mem2);

  cpus1.unallocate();
  EXPECT_FALSE(cpus1.begin()->has_allocation_info());
  // The copies made before are not affected.
  EXPECT_TRUE(allocations["*"].begin()->has_allocation_info());
}


TEST(MesosResources, AllocationsOfUnallocatedIsFatal)
{
  sdk_test::ChildOutcome outcome = sdk_test::runInChild([] {
    parse("cpus:1").allocations();
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(outcome.output, "has_allocation_info()");
}


TEST(MesosResources, PushAndPopReservations)
{
  Resources base = parse("cpus:2;mem:10");
  Resources foo = base.pushReservation(dynamicReservation("foo"));
  Resources fooBar = foo.pushReservation(dynamicReservation("foo/bar"));

  EXPECT_TRUE(Resources::hasRefinedReservations(*fooBar.begin()));
  EXPECT_EQ("foo/bar", Resources::reservationRole(*fooBar.begin()));
  EXPECT_TRUE(Resources::isDynamicallyReserved(*fooBar.begin()));
  EXPECT_TRUE(fooBar.popReservation() == foo);
  EXPECT_TRUE(foo.popReservation() == base);
  EXPECT_TRUE(fooBar.toUnreserved() == base);

  EXPECT_TRUE(base == Resources::getReservationAncestor(base, fooBar));
  EXPECT_TRUE(foo == Resources::getReservationAncestor(fooBar, foo));
  Resources fooBaz = foo.pushReservation(dynamicReservation("foo/baz"));
  EXPECT_TRUE(foo == Resources::getReservationAncestor(fooBar, fooBaz));

  // A refinement must be a subrole.
  sdk_test::ChildOutcome outcome = sdk_test::runInChild([&foo] {
    (void) foo.pushReservation(dynamicReservation("other"));
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(
      outcome.output,
      "Invalid refined reservation: role 'other' is not a refinement of 'foo'");
}


TEST(MesosResources, Find)
{
  Resources resources1 = parse("cpus(role1):2;mem(role1):10;cpus:4;mem:20");
  Option<Resources> found = resources1.find(parse("cpus(role1):3;mem(role1):15"));
  ASSERT_TRUE(found.isSome());
  EXPECT_TRUE(found.get() == parse("cpus(role1):2;mem(role1):10;cpus:1;mem:5"));

  Resources resources2 = parse(
      "cpus(role1):1;mem(role1):5;cpus(role2):2;mem(role2):8;cpus:1;mem:7");
  found = resources2.find(parse("cpus(role1):3;mem(role1):15"));
  ASSERT_TRUE(found.isSome());
  EXPECT_TRUE(found.get() == parse(
      "cpus(role1):1;mem(role1):5;cpus:1;mem:7;cpus(role2):1;mem(role2):3"));

  Resources resources3 = parse("cpus(role1):5;mem(role1):5;cpus:5;mem:5");
  found = resources3.find(parse("cpus:6;mem:6"));
  ASSERT_TRUE(found.isSome());
  EXPECT_TRUE(found.get() == parse("cpus:5;mem:5;cpus(role1):1;mem(role1):1"));

  EXPECT_TRUE(parse("cpus(role1):1;mem(role1):1")
                .find(parse("cpus(role1):2;mem(role1):2")).isNone());
}


// --- Shared and revocable --------------------------------------------------

TEST(MesosResources, SharedVolumes)
{
  Resource shared = volume(64, "role1", "id1", "path1", true);

  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,role1)])[id1:path1]<SHARED>:64<1>"),
      print(Resources(shared)));
  EXPECT_EQ(
      std::string(
          "disk(reservations: [(STATIC,role1)])[id1:path1]<SHARED>:64<2>"),
      print(Resources(shared) + shared));

  EXPECT_EQ(1u, Resources(shared).count(shared));
  EXPECT_EQ(2u, (Resources(shared) + shared).count(shared));
  EXPECT_EQ(1u, (Resources(shared) + shared - shared).count(shared));
  EXPECT_TRUE((Resources(shared) + shared - shared - shared).empty());

  Resource exclusive = volume(64, "role1", "id1", "path1", false);
  EXPECT_EQ(1u, (Resources(exclusive) + exclusive).count(exclusive));

  Resource cpus = resource("cpus", "1");
  EXPECT_EQ(1u, Resources(cpus).count(cpus));
  EXPECT_EQ(0u, (Resources(cpus) + cpus).count(cpus));

  Resources mixed = Resources(shared) + cpus;
  EXPECT_TRUE(mixed.shared() == Resources(shared));
  EXPECT_TRUE(mixed.nonShared() == Resources(cpus));
  EXPECT_TRUE(mixed.persistentVolumes() == Resources(shared));
}


// Exclusive disks (MOUNT, BLOCK, RAW with an id) and persistent volumes are
// never merged when added; only the very same one can be taken away.
TEST(MesosResources, ExclusiveDisks)
{
  auto disk = [](double megabytes, Resource::DiskInfo::Source::Type type, const std::string& id) {
    Resource r = resource("disk", std::to_string(megabytes));
    r.mutable_disk()->mutable_source()->set_type(type);
    if (!id.empty()) r.mutable_disk()->mutable_source()->set_id(id);
    return r;
  };

  Resource path = disk(10, Resource::DiskInfo::Source::PATH, "");
  EXPECT_EQ(1u, (Resources(path) + path).size());
  EXPECT_TRUE((Resources(path) + path - path) == Resources(path));

  for (auto type : {Resource::DiskInfo::Source::MOUNT, Resource::DiskInfo::Source::BLOCK}) {
    Resource one = disk(10, type, "");
    Resource other = disk(20, type, "");
    EXPECT_EQ(2u, (Resources(one) + one).size());
    EXPECT_TRUE((Resources(one) - one).empty());
    EXPECT_TRUE((Resources(one) - other) == Resources(one));
  }

  Resource raw = disk(10, Resource::DiskInfo::Source::RAW, "");
  EXPECT_EQ(1u, (Resources(raw) + raw).size());
  Resource rawWithId = disk(10, Resource::DiskInfo::Source::RAW, "vol-1");
  EXPECT_EQ(2u, (Resources(rawWithId) + rawWithId).size());
  EXPECT_TRUE((Resources(rawWithId) - rawWithId).empty());
  EXPECT_TRUE((Resources(rawWithId) - disk(5, Resource::DiskInfo::Source::RAW, "vol-1")) == Resources(rawWithId));

  Resource persistent = volume(64, "role1", "id1", "path1", false);
  EXPECT_EQ(2u, (Resources(persistent) + persistent).size());
  EXPECT_TRUE((Resources(persistent) - persistent).empty());
  EXPECT_TRUE((Resources(persistent) - volume(32, "role1", "id1", "path1", false)) == Resources(persistent));
}


TEST(MesosResources, Revocable)
{
  Resource revocable = resource("cpus", "1");
  revocable.mutable_revocable();

  Resources resources = Resources(revocable) + resource("cpus", "2");
  EXPECT_EQ(2u, resources.size());
  EXPECT_TRUE(resources.revocable() == Resources(revocable));
  EXPECT_TRUE(resources.nonRevocable() == parse("cpus:2"));
  EXPECT_EQ(3.0, resources.cpus().get());

  // A revocable resource is not allowed on a command line.
  EXPECT_EQ(
      "Revocable resources cannot be specified at the command line; do not"
      " include a 'revocable' key in the resources JSON",
      Resources::parse(
          "[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},"
          "\"revocable\":{}}]").error());
}


// --- Filters, names, types, iteration --------------------------------------

TEST(MesosResources, FiltersNamesTypes)
{
  Resources cpus = parse("cpus(role1):2;cpus:4");
  Resources mem = parse("mem(role1):10;mem:10");
  EXPECT_TRUE(cpus == (cpus + mem).get("cpus"));
  EXPECT_TRUE(mem == (cpus + mem).get("mem"));

  Resources resources = parse("cpus(role1):2;cpus:4;mem(role1):10;mem:10");
  EXPECT_TRUE(resources.names() == (std::set<std::string>{"cpus", "mem"}));

  Resources typed = parse("cpus(role1):2;cpus:4;ports:[1-10];ports:[11-20]");
  std::map<std::string, Value::Type> types{
    {"cpus", Value::SCALAR}, {"ports", Value::RANGES}};
  EXPECT_TRUE(typed.types() == types);

  EXPECT_TRUE(typed.scalars() == cpus);
  EXPECT_TRUE(typed.filter([](const Resource& r) {
    return r.name() == "ports";
  }) == parse("ports:[1-20]"));

  size_t count = 0;
  for (const Resource& r : typed) {
    EXPECT_FALSE(r.name().empty());
    ++count;
  }
  EXPECT_EQ(typed.size(), count);

  Resources::const_iterator it = typed.begin();
  EXPECT_FALSE(it->name().empty());

  Option<Resource> match = typed.match(resource("cpus", "99", "role1"));
  ASSERT_TRUE(match.isSome());
  EXPECT_EQ(2.0, match->scalar().value());
}


TEST(MesosResources, ContainsQuantities)
{
  auto quantities = [](const std::string& text) {
    return ResourceQuantities::fromString(text).get();
  };

  EXPECT_TRUE(Resources().contains(ResourceQuantities()));
  EXPECT_FALSE(Resources().contains(quantities("cpus:1")));
  EXPECT_TRUE(parse("cpus:1").contains(ResourceQuantities()));
  EXPECT_TRUE(parse("cpus:2").contains(quantities("cpus:1")));
  EXPECT_TRUE(parse("cpus:1").contains(quantities("cpus:1")));
  EXPECT_FALSE(parse("cpus:0.5").contains(quantities("cpus:1")));
  EXPECT_TRUE(parse("ports:[1-3]").contains(quantities("ports:2")));
  EXPECT_TRUE(parse("ports:[1-2]").contains(quantities("ports:2")));
  EXPECT_FALSE(parse("ports:[1-1]").contains(quantities("ports:2")));
  EXPECT_TRUE(parse("features:{a,b,c}").contains(quantities("features:2")));
  EXPECT_FALSE(parse("features:{a}").contains(quantities("features:2")));
  EXPECT_TRUE(parse("cpus:3;ports:[1-3];features:{a,b,c};mem:10")
                .contains(quantities("cpus:3;ports:3;features:3")));
  EXPECT_FALSE(parse("cpus:3;ports:[1-3]")
                 .contains(quantities("cpus:3;ports:3;features:3")));
  EXPECT_FALSE(parse("cpus(role1):2").contains(quantities("cpus:3")));
  EXPECT_TRUE(parse("cpus(role1):2;cpus:1").contains(quantities("cpus:3")));
}


TEST(MesosResources, Quantities)
{
  ResourceQuantities q = ResourceQuantities::fromString("mem:10;cpus:1;gpus:0").get();
  EXPECT_EQ(2u, q.size());
  EXPECT_EQ(std::string("cpus:1; mem:10"), print(q));
  EXPECT_EQ(0.0, q.get("gpus").value());

  q += ResourceQuantities::fromString("cpus:2;disk:5").get();
  EXPECT_EQ(std::string("cpus:3; disk:5; mem:10"), print(q));
  q -= ResourceQuantities::fromString("cpus:3;mem:1;ports:4").get();
  EXPECT_EQ(std::string("disk:5; mem:9"), print(q));

  EXPECT_TRUE(q.contains(ResourceQuantities::fromString("mem:9").get()));
  EXPECT_FALSE(q.contains(ResourceQuantities::fromString("cpus:1").get()));

  EXPECT_EQ(
      "Failed to parse 'cpus': missing or extra ':'",
      ResourceQuantities::fromString("cpus").error());
  EXPECT_EQ(
      "Failed to parse '[1-2]' to quantity: only scalar values are allowed",
      ResourceQuantities::fromString("ports:[1-2]").error());

  ResourceQuantities fromResources =
    ResourceQuantities::fromResources(parse("cpus:2;ports:[1-10];disks:{a,b}"));
  EXPECT_EQ(std::string("cpus:2; disks:2; ports:10"), print(fromResources));

  ResourceLimits limits = ResourceLimits::fromString("cpus:2;mem:0").get();
  EXPECT_EQ(std::string("cpus:2; mem:0"), print(limits));
  EXPECT_TRUE(limits.get("disk").isNone());
  EXPECT_FALSE(limits.contains(ResourceQuantities::fromString("mem:1").get()));
  EXPECT_TRUE(limits.contains(ResourceQuantities::fromString("cpus:2;disk:9").get()));
  EXPECT_EQ(
      std::string("cpus:0.5; mem:0"),
      print(limits - ResourceQuantities::fromString("cpus:1.5;disk:3").get()));
  EXPECT_EQ(
      "Failed to parse '3' to limit: duplicate names are not allowed",
      ResourceLimits::fromString("cpus:2;cpus:3").error());
}


TEST(MesosResources, Conversion)
{
  Resources total = parse("cpus:4;mem:100");
  ResourceConversion conversion(parse("cpus:1"), parse("cpus(role1):1"));

  Try<Resources> converted = total.apply(conversion);
  ASSERT_TRUE(converted.isSome());
  EXPECT_TRUE(converted.get() == parse("cpus:3;mem:100;cpus(role1):1"));

  ResourceConversion tooMuch(parse("cpus:5"), parse("cpus(role1):5"));
  EXPECT_EQ(
      "cpus:4; mem:100 does not contain cpus:5",
      total.apply(tooMuch).error());
}


TEST(MesosResources, Validation)
{
  EXPECT_TRUE(Resources::validate(resource("cpus", "1")).isNone());

  Resource nameless = resource("cpus", "1");
  nameless.set_name("");
  EXPECT_EQ("Empty resource name", Resources::validate(nameless)->message);

  Resource mixed = resource("cpus", "1");
  mixed.mutable_ranges();
  EXPECT_EQ("Invalid scalar resource", Resources::validate(mixed)->message);

  Resource overlapping;
  overlapping.set_name("ports");
  overlapping.set_type(Value::RANGES);
  *overlapping.mutable_ranges() = ranges("[1-5]");
  overlapping.mutable_ranges()->add_range()->set_begin(3);
  overlapping.mutable_ranges()->mutable_range(1)->set_end(4);
  EXPECT_EQ(
      "Invalid ranges resource: overlapping ranges",
      Resources::validate(overlapping)->message);

  Resource cpusWithDisk = resource("cpus", "1");
  cpusWithDisk.mutable_disk();
  EXPECT_EQ(
      "DiskInfo should not be set for cpus resource",
      Resources::validate(cpusWithDisk)->message);

  Resource sharedCpus = resource("cpus", "1");
  sharedCpus.mutable_shared();
  EXPECT_EQ(
      "Resource cpus cannot be shared",
      Resources::validate(sharedCpus)->message);

  RepeatedPtrField<Resource> field;
  *field.Add() = resource("cpus", "1");
  *field.Add() = nameless;
  EXPECT_EQ(
      "Resource ':1' is invalid: Empty resource name",
      Resources::validate(field)->message);
}
