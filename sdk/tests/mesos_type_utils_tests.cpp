// Mesos module SDK: mesos/type_utils.hpp comparisons, printing and hashes.

#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <mesos/mesos.hpp>
#include <mesos/type_utils.hpp>

#include "test.hpp"

using namespace mesos;

namespace {

template <typename T>
std::string print(const T& value)
{
  std::ostringstream out;
  out << value;
  return out.str();
}


template <typename Id>
Id makeId(const std::string& value)
{
  Id result;
  result.set_value(value);
  return result;
}


Label label(const std::string& key, const std::string& value)
{
  Label result;
  result.set_key(key);
  result.set_value(value);
  return result;
}

} // namespace {


TEST(MesosTypeUtils, IdsCompareByValue)
{
  EXPECT_TRUE(makeId<TaskID>("a") == makeId<TaskID>("a"));
  EXPECT_FALSE(makeId<TaskID>("a") == makeId<TaskID>("b"));
  EXPECT_TRUE(makeId<TaskID>("a") < makeId<TaskID>("b"));
  EXPECT_TRUE(makeId<SlaveID>("s1") != makeId<SlaveID>("s2"));
  EXPECT_TRUE(makeId<FrameworkID>("f") == std::string("f"));
  EXPECT_TRUE(makeId<ExecutorID>("e1") < makeId<ExecutorID>("e2"));

  ContainerID child = makeId<ContainerID>("c");
  child.mutable_parent()->set_value("p");
  ContainerID orphan = makeId<ContainerID>("c");
  EXPECT_FALSE(child == orphan);
  EXPECT_TRUE(child == child);
  EXPECT_TRUE(orphan == std::string("c"));

  TimeInfo t1;
  t1.set_nanoseconds(5);
  TimeInfo t2;
  t2.set_nanoseconds(5);
  EXPECT_TRUE(t1 == t2);

  DurationInfo d1;
  d1.set_nanoseconds(1);
  DurationInfo d2;
  d2.set_nanoseconds(2);
  EXPECT_TRUE(d1 < d2);
  EXPECT_TRUE(d1 != d2);
}


TEST(MesosTypeUtils, IdsPrintAsValue)
{
  EXPECT_EQ(std::string("task-1"), print(makeId<TaskID>("task-1")));
  EXPECT_EQ(std::string("agent-1"), print(makeId<SlaveID>("agent-1")));
  EXPECT_EQ(std::string("fw"), print(makeId<FrameworkID>("fw")));
  EXPECT_EQ(std::string("ex"), print(makeId<ExecutorID>("ex")));

  ContainerID nested = makeId<ContainerID>("child");
  nested.mutable_parent()->set_value("parent");
  EXPECT_EQ(std::string("parent.child"), print(nested));

  EXPECT_EQ(std::string("TASK_RUNNING"), print(TASK_RUNNING));
  EXPECT_EQ(std::string("DOCKER"), print(Image::DOCKER));
}


TEST(MesosTypeUtils, LabelsAndEnvironmentIgnoreOrder)
{
  Labels a;
  *a.add_labels() = label("x", "1");
  *a.add_labels() = label("y", "2");

  Labels b;
  *b.add_labels() = label("y", "2");
  *b.add_labels() = label("x", "1");

  EXPECT_TRUE(a == b);

  *b.add_labels() = label("z", "3");
  EXPECT_TRUE(a != b);

  Environment e1;
  Environment::Variable* v = e1.add_variables();
  v->set_name("A");
  v->set_value("1");
  v = e1.add_variables();
  v->set_name("B");
  v->set_value("2");

  Environment e2;
  *e2.add_variables() = e1.variables(1);
  *e2.add_variables() = e1.variables(0);
  EXPECT_TRUE(e1 == e2);

  e2.mutable_variables(0)->set_value("3");
  EXPECT_FALSE(e1 == e2);
}


TEST(MesosTypeUtils, CommandInfoKeepsArgumentOrder)
{
  CommandInfo c1;
  c1.set_value("echo");
  c1.add_arguments("a");
  c1.add_arguments("b");

  CommandInfo c2 = c1;
  EXPECT_TRUE(c1 == c2);

  c2.clear_arguments();
  c2.add_arguments("b");
  c2.add_arguments("a");
  EXPECT_FALSE(c1 == c2);

  // A URI's cache flag does not matter.
  CommandInfo::URI u1;
  u1.set_value("http://x");
  CommandInfo::URI u2 = u1;
  u2.set_cache(true);
  EXPECT_TRUE(u1 == u2);

  EXPECT_CONTAINS(print(c1), "\"value\":\"echo\"");
}


TEST(MesosTypeUtils, TaskAndSlaveInfo)
{
  TaskInfo t1;
  t1.set_name("t");
  t1.mutable_task_id()->set_value("1");
  t1.mutable_slave_id()->set_value("s");
  TaskInfo t2 = t1;
  EXPECT_TRUE(t1 == t2);
  t2.set_name("u");
  EXPECT_FALSE(t1 == t2);
  EXPECT_CONTAINS(print(t1), "name: \"t\"");

  SlaveInfo s1;
  s1.set_hostname("h");
  Resource* cpus = s1.add_resources();
  cpus->set_name("cpus");
  cpus->set_type(Value::SCALAR);
  cpus->mutable_scalar()->set_value(1);
  SlaveInfo s2 = s1;
  // Resources compare as Resources: two halves equal one whole.
  s2.mutable_resources(0)->mutable_scalar()->set_value(0.5);
  *s2.add_resources() = s2.resources(0);
  EXPECT_TRUE(s1 == s2);
}


TEST(MesosTypeUtils, TaskStatus)
{
  TaskStatus s1;
  s1.mutable_task_id()->set_value("1");
  s1.set_state(TASK_RUNNING);
  TaskStatus s2 = s1;
  EXPECT_TRUE(s1 == s2);
  s2.set_state(TASK_FAILED);
  EXPECT_TRUE(s1 != s2);
}


TEST(MesosTypeUtils, FrameworkInfoEquivalence)
{
  FrameworkInfo f1;
  f1.set_user("u");
  f1.set_name("n");
  f1.add_roles("a");
  f1.add_roles("b");

  FrameworkInfo f2 = f1;
  f2.clear_roles();
  f2.add_roles("b");
  f2.add_roles("a");

  EXPECT_TRUE(typeutils::equivalent(f1, f2));
  EXPECT_TRUE(typeutils::diff(f1, f2).isNone());

  f2.set_name("m");
  EXPECT_FALSE(typeutils::equivalent(f1, f2));
  Option<std::string> difference = typeutils::diff(f1, f2);
  ASSERT_TRUE(difference.isSome());
  EXPECT_CONTAINS(difference.get(), "name");
}


TEST(MesosTypeUtils, Hashes)
{
  std::unordered_set<TaskID> tasks;
  tasks.insert(makeId<TaskID>("a"));
  tasks.insert(makeId<TaskID>("a"));
  tasks.insert(makeId<TaskID>("b"));
  EXPECT_EQ(2u, tasks.size());

  std::unordered_map<ContainerID, int> containers;
  ContainerID nested = makeId<ContainerID>("c");
  nested.mutable_parent()->set_value("p");
  containers[nested] = 1;
  containers[makeId<ContainerID>("c")] = 2;
  EXPECT_EQ(2u, containers.size());
  EXPECT_EQ(1, containers[nested]);

  std::unordered_set<TaskState> states{TASK_RUNNING, TASK_RUNNING};
  EXPECT_EQ(1u, states.size());

  std::hash<std::pair<FrameworkID, ExecutorID>> pairHash;
  EXPECT_EQ(
      pairHash({makeId<FrameworkID>("f"), makeId<ExecutorID>("e")}),
      pairHash({makeId<FrameworkID>("f"), makeId<ExecutorID>("e")}));
}


TEST(MesosTypeUtils, RepeatedFieldsAndVectorsPrint)
{
  google::protobuf::RepeatedPtrField<TaskID> ids;
  *ids.Add() = makeId<TaskID>("a");
  *ids.Add() = makeId<TaskID>("b");
  EXPECT_EQ(std::string("[ a, b ]"), print(ids));

  std::vector<SlaveID> agents{makeId<SlaveID>("x")};
  EXPECT_EQ(std::string("[ x ]"), print(agents));
}
