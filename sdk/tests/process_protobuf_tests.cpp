// Mesos module SDK: tests for process/protobuf.hpp (ProtobufProcess,
// install/send/reply of protobuf messages between processes).

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>

#include <process/future.hpp>
#include <process/id.hpp>
#include <process/process.hpp>
#include <process/protobuf.hpp>

#include <stout/nothing.hpp>

#include "test.hpp"

using process::Future;
using process::Promise;
using process::UPID;

namespace {

// Receives every kind of installed handler and reports what it got.
class Receiver : public ProtobufProcess<Receiver>
{
public:
  Receiver() : ProcessBase(process::ID::generate("receiver")) {}

  Future<std::string> fieldsSeen() { return fieldsPromise.future(); }
  Future<std::vector<mesos::Label>> listSeen() { return listPromise.future(); }
  Future<std::string> bareSeen() { return barePromise.future(); }
  Future<std::string> movedSeen() { return movedPromise.future(); }
  Future<std::string> rawSeen() { return rawPromise.future(); }
  Future<UPID> senderSeen() { return senderPromise.future(); }

  int invalidCount() { return invalid; }

protected:
  void initialize() override
  {
    // Selected fields, with the sender first (as Mesos's test hook does).
    install<mesos::Label>(
        &Receiver::fields, &mesos::Label::key, &mesos::Label::value);

    // A repeated field arrives as a std::vector.
    install<mesos::Labels>(&Receiver::list, &mesos::Labels::labels);

    // The whole message, without the sender.
    install<mesos::TaskID>(&Receiver::bare);

    // The whole message, moved in.
    install<mesos::SlaveID>(&Receiver::moved);

    // The whole message with the sender; answers with reply().
    install<mesos::FrameworkID>(&Receiver::echo);

    // Only the sender.
    install<mesos::ExecutorID>(&Receiver::poked);

    // A plain named message (ProcessBase's install).
    install("raw", &Receiver::raw);
  }

private:
  void fields(
      const UPID& from, const std::string& key, const std::string& value)
  {
    senderPromise.set(from);
    fieldsPromise.set(key + "=" + value);
  }

  void list(const UPID&, const std::vector<mesos::Label>& labels)
  {
    listPromise.set(labels);
  }

  void bare(const mesos::TaskID& id) { barePromise.set(id.value()); }

  void moved(const UPID&, mesos::SlaveID&& id)
  {
    movedPromise.set(id.value());
  }

  void echo(const UPID&, const mesos::FrameworkID& id)
  {
    mesos::FrameworkID answer;
    answer.set_value(id.value() + "-echo");
    reply(answer);
  }

  void poked(const UPID&) { ++invalid; }

  void raw(const UPID&, const std::string& body) { rawPromise.set(body); }

  Promise<std::string> fieldsPromise;
  Promise<std::vector<mesos::Label>> listPromise;
  Promise<std::string> barePromise;
  Promise<std::string> movedPromise;
  Promise<std::string> rawPromise;
  Promise<UPID> senderPromise;
  int invalid = 0;
};


// Sends messages from inside a process (so `from` is set).
class Sender : public ProtobufProcess<Sender>
{
public:
  Sender() : ProcessBase(process::ID::generate("sender")) {}

  void sendTo(const UPID& to, const mesos::Label& label) { send(to, label); }

  void sendAll(const UPID& to)
  {
    mesos::Labels labels;
    for (const char* key : {"a", "b", "c"}) {
      mesos::Label* label = labels.add_labels();
      label->set_key(key);
      label->set_value(std::string(key) + "!");
    }
    send(to, labels);

    mesos::TaskID task;
    task.set_value("task-1");
    send(to, task);

    mesos::SlaveID slave;
    slave.set_value("agent-1");
    send(to, slave);

    std::string body = "plain bytes";
    send(to, "raw", body.data(), body.size());
  }

  void ask(const UPID& to)
  {
    mesos::FrameworkID id;
    id.set_value("framework");
    send(to, id);
  }

  Future<std::string> answer() { return answerPromise.future(); }

protected:
  void initialize() override
  {
    install<mesos::FrameworkID>(&Sender::answered);
  }

private:
  void answered(const mesos::FrameworkID& id) { answerPromise.set(id.value()); }

  Promise<std::string> answerPromise;
};

} // namespace {


TEST(ProcessProtobuf, InstallAndSendBetweenProcesses)
{
  Receiver receiver;
  Sender sender;
  process::spawn(receiver);
  process::spawn(sender);

  mesos::Label label;
  label.set_key("k");
  label.set_value("v");
  process::dispatch(sender, &Sender::sendTo, receiver.self(), label);
  process::dispatch(sender, &Sender::sendAll, receiver.self());

  Future<std::string> fields =
    process::dispatch(receiver, &Receiver::fieldsSeen);
  Future<std::vector<mesos::Label>> list =
    process::dispatch(receiver, &Receiver::listSeen);
  Future<std::string> bare = process::dispatch(receiver, &Receiver::bareSeen);
  Future<std::string> moved =
    process::dispatch(receiver, &Receiver::movedSeen);
  Future<std::string> raw = process::dispatch(receiver, &Receiver::rawSeen);
  Future<UPID> from = process::dispatch(receiver, &Receiver::senderSeen);

  EXPECT_EQ(std::string("k=v"), fields.get());
  EXPECT_EQ(sender.self(), from.get());
  ASSERT_EQ(static_cast<size_t>(3), list.get().size());
  EXPECT_EQ(std::string("b!"), list.get()[1].value());
  EXPECT_EQ(std::string("task-1"), bare.get());
  EXPECT_EQ(std::string("agent-1"), moved.get());
  EXPECT_EQ(std::string("plain bytes"), raw.get());

  // A request answered with reply().
  process::dispatch(sender, &Sender::ask, receiver.self());
  Future<std::string> answer = process::dispatch(sender, &Sender::answer);
  EXPECT_EQ(std::string("framework-echo"), answer.get());

  process::terminate(sender);
  process::terminate(receiver);
  process::wait(sender);
  process::wait(receiver);
}


TEST(ProcessProtobuf, PostAndUnparsableMessages)
{
  Receiver receiver;
  process::spawn(receiver);

  // A body that does not parse as the installed type is dropped.
  process::post(receiver.self(), "mesos.Label", "\xff\xff\xff", 3);

  // A message without its required field does not parse either.
  mesos::Label incomplete;
  incomplete.set_value("no key");
  std::string partial;
  ASSERT_TRUE(incomplete.SerializePartialToString(&partial));
  process::post(
      receiver.self(), "mesos.Label", partial.data(), partial.size());

  // Messages nobody handles are dropped silently.
  process::post(receiver.self(), "nobody.handles.this");

  // post() of a well-formed message works, with no sender.
  mesos::Label label;
  label.set_key("posted");
  label.set_value("yes");
  process::post(receiver.self(), label);

  EXPECT_EQ(std::string("posted=yes"),
            process::dispatch(receiver, &Receiver::fieldsSeen).get());
  UPID from = process::dispatch(receiver, &Receiver::senderSeen).get();
  EXPECT_TRUE(!from);

  // Messages for another address never arrive (there is no network).
  mesos::TaskID task;
  task.set_value("remote");
  UPID remote = receiver.self();
  remote.address.port = 1;
  process::post(remote, task);
  Future<std::string> bare = process::dispatch(receiver, &Receiver::bareSeen);
  EXPECT_FALSE(bare.await(Milliseconds(50)));

  process::terminate(receiver);
  process::wait(receiver);
}


TEST(ProcessProtobuf, TestHookShape)
{
  // Mesos's reference test hook: a process that sends a message to
  // itself, installed with a field accessor, and a future it completes.
  class HookProcess : public ProtobufProcess<HookProcess>
  {
  public:
    HookProcess() : ProcessBase(process::ID::generate("example-hook")) {}

    void initialize() override
    {
      install<mesos::Label>(&HookProcess::handler, &mesos::Label::key);
    }

    void signal()
    {
      mesos::Label message;
      message.set_key("org_apache_mesos_TestHook");
      send(self(), message);
    }

    void handler(const UPID& from, const std::string& module)
    {
      seen = module;
      promise.set(Nothing());
    }

    Future<Nothing> await() { return promise.future(); }

    std::string seen;

  private:
    Promise<Nothing> promise;
  };

  HookProcess hookProcess;
  process::spawn(&hookProcess);
  Future<Nothing> future =
    process::dispatch(hookProcess, &HookProcess::await);
  process::dispatch(hookProcess, &HookProcess::signal);
  EXPECT_TRUE(future.await(Seconds(10)));
  process::terminate(hookProcess);
  process::wait(hookProcess);
  EXPECT_EQ(std::string("org_apache_mesos_TestHook"), hookProcess.seen);
}


TEST(ProcessProtobuf, ProtocolRequestResponse)
{
  // Protocol<Req, Res> spawns a one-shot process that sends the request
  // and completes with the first response.
  class Server : public ProtobufProcess<Server>
  {
  public:
    void initialize() override { install<mesos::TaskID>(&Server::request); }

  private:
    void request(const UPID& from, const mesos::TaskID& id)
    {
      mesos::Label label;
      label.set_key(id.value());
      label.set_value("served");
      send(from, label);
    }
  };

  Server server;
  process::spawn(server);

  mesos::TaskID request;
  request.set_value("t1");
  Future<mesos::Label> response =
    Protocol<mesos::TaskID, mesos::Label>()(server.self(), request);
  ASSERT_TRUE(response.await(Seconds(10)));
  EXPECT_EQ(std::string("t1"), response->key());
  EXPECT_EQ(std::string("served"), response->value());

  process::terminate(server);
  process::wait(server);
}
