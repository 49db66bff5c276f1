// Mesos module SDK: clean-room libprocess compatibility header.
//
// Protobuf messages between processes. A message travels as its
// serialized bytes, named by its full type name (e.g. "mesos.Label").
// ProtobufProcess<T> adds install<M>(handler, ...) -- which parses the
// bytes back into an M and calls the handler with the message, or with
// chosen fields of it -- and send/reply of protobuf messages.
#ifndef __PROCESS_PROTOBUF_HPP__
#define __PROCESS_PROTOBUF_HPP__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <glog/logging.h>

#include <google/protobuf/arena.h>
#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <process/defer.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/lambda.hpp>

namespace process {

// post() of a protobuf message (see process.hpp).
inline void post(const UPID& to, const google::protobuf::Message& message)
{
  std::string data;
  if (message.SerializeToString(&data)) {
    post(to, message.GetTypeName(), data.data(), data.size());
  } else {
    LOG(ERROR) << "Failed to post '" << message.GetTypeName() << "' to "
               << to << ": Failed to serialize";
  }
}


inline void post(
    const UPID& from,
    const UPID& to,
    const google::protobuf::Message& message)
{
  std::string data;
  if (message.SerializeToString(&data)) {
    post(from, to, message.GetTypeName(), data.data(), data.size());
  } else {
    LOG(ERROR) << "Failed to post '" << message.GetTypeName() << "' to "
               << to << ": Failed to serialize";
  }
}

} // namespace process {


namespace google {
namespace protobuf {

// How a message field reaches a handler installed with field accessors:
// as is, except repeated fields, which become std::vectors.
template <typename T>
const T& convert(const T& t)
{
  return t;
}

template <typename T>
std::vector<T> convert(const google::protobuf::RepeatedPtrField<T>& items)
{
  return std::vector<T>(items.begin(), items.end());
}

template <typename T>
std::vector<T> convert(google::protobuf::RepeatedPtrField<T>&& items)
{
  return std::vector<T>(
      std::make_move_iterator(items.begin()),
      std::make_move_iterator(items.end()));
}

} // namespace protobuf {
} // namespace google {


template <typename T>
class ProtobufProcess : public process::Process<T>
{
public:
  ~ProtobufProcess() override {}

protected:
  // Messages with an installed protobuf handler go to it (with `from`
  // recorded for reply()); others to ProcessBase's handlers.
  void consume(process::MessageEvent&& event) override
  {
    auto handler = protobufHandlers.find(event.message.name);
    if (handler != protobufHandlers.end()) {
      from = event.message.from;
      handler->second(event.message.from, event.message.body);
      from = process::UPID();
    } else {
      process::Process<T>::consume(std::move(event));
    }
  }

  // Sends `message` serialized, named by its type name.
  void send(const process::UPID& to, const google::protobuf::Message& message)
  {
    std::string data;
    if (message.SerializeToString(&data)) {
      process::Process<T>::send(to, message.GetTypeName(), std::move(data));
    } else {
      LOG(ERROR) << "Failed to send '" << message.GetTypeName() << "' to "
                 << to << ": Failed to serialize";
    }
  }

  using process::Process<T>::send;

  // Sends `message` to the sender of the message being handled.
  void reply(const google::protobuf::Message& message)
  {
    CHECK(from) << "Attempting to reply without a sender";
    send(from, message);
  }

  template <typename M, typename P>
  using MessageProperty = P (M::*)() const;

  // Handlers taking the sender first.

  // method(from, message)
  template <typename M>
  void install(void (T::*method)(const process::UPID&, const M&))
  {
    T* t = static_cast<T*>(this);
    handle<M>([t, method](const process::UPID& sender, M& m) {
      (t->*method)(sender, m);
    });
  }

  // method(from, std::move(message))
  template <typename M>
  void install(void (T::*method)(const process::UPID&, M&&))
  {
    T* t = static_cast<T*>(this);
    handle<M>([t, method](const process::UPID& sender, M& m) {
      (t->*method)(sender, std::move(m));
    });
  }

  // method(from), for a message whose content does not matter.
  template <typename M>
  void install(void (T::*method)(const process::UPID&))
  {
    T* t = static_cast<T*>(this);
    protobufHandlers[typeName<M>()] =
      [t, method](const process::UPID& sender, const std::string&) {
        (t->*method)(sender);
      };
  }

  // method(from, message.p1(), message.p2(), ...)
  template <typename M, typename... P, typename... PC>
  void install(
      void (T::*method)(const process::UPID&, PC...),
      MessageProperty<M, P>... param)
  {
    T* t = static_cast<T*>(this);
    handle<M>([t, method, param...](const process::UPID& sender, M& m) {
      (t->*method)(sender, google::protobuf::convert((m.*param)())...);
    });
  }

  // Handlers without the sender.

  template <typename M>
  void install(void (T::*method)(const M&))
  {
    T* t = static_cast<T*>(this);
    handle<M>([t, method](const process::UPID&, M& m) { (t->*method)(m); });
  }

  template <typename M>
  void install(void (T::*method)(M&&))
  {
    T* t = static_cast<T*>(this);
    handle<M>([t, method](const process::UPID&, M& m) {
      (t->*method)(std::move(m));
    });
  }

  template <typename M>
  void install(void (T::*method)())
  {
    T* t = static_cast<T*>(this);
    protobufHandlers[typeName<M>()] =
      [t, method](const process::UPID&, const std::string&) {
        (t->*method)();
      };
  }

  template <typename M, typename... P, typename... PC>
  void install(
      void (T::*method)(PC...),
      MessageProperty<M, P>... param)
  {
    T* t = static_cast<T*>(this);
    handle<M>([t, method, param...](const process::UPID&, M& m) {
      (t->*method)(google::protobuf::convert((m.*param)())...);
    });
  }

  using process::Process<T>::install;

private:
  template <typename M>
  static std::string typeName()
  {
    M m;
    return m.GetTypeName();
  }

  // Installs a handler that parses the body into an M first; bodies that
  // do not parse are logged and dropped.
  template <typename M, typename F>
  void handle(F&& f)
  {
    protobufHandlers[typeName<M>()] =
      [f = std::forward<F>(f)](
          const process::UPID& sender, const std::string& data) {
        M m;
        if (m.ParseFromString(data)) {
          f(sender, m);
        } else {
          LOG(ERROR) << "Failed to deserialize '" << m.GetTypeName()
                     << "' from " << sender;
        }
      };
  }

  typedef lambda::function<void(const process::UPID&, const std::string&)>
    handler;

  std::map<std::string, handler> protobufHandlers;

  // Sender of the message being handled (for reply()).
  process::UPID from;
};


// A one-shot process that sends `req` to `pid` and completes its future
// with the first Res message it gets back.
template <typename Req, typename Res>
class ReqResProcess : public ProtobufProcess<ReqResProcess<Req, Res>>
{
public:
  ReqResProcess(const process::UPID& _pid, const Req& _req)
    : process::ProcessBase(process::ID::generate("__req_res__")),
      pid(_pid),
      req(_req)
  {
    ProtobufProcess<ReqResProcess<Req, Res>>::template install<Res>(
        &ReqResProcess<Req, Res>::response);
  }

  ~ReqResProcess() override
  {
    promise.discard();
  }

  process::Future<Res> run()
  {
    promise.future().onDiscard(defer(this, &ReqResProcess::discarded));

    ProtobufProcess<ReqResProcess<Req, Res>>::send(pid, req);

    return promise.future();
  }

private:
  void discarded()
  {
    promise.discard();
    process::terminate(this);
  }

  void response(const Res& res)
  {
    promise.set(res);
    process::terminate(this);
  }

  const process::UPID pid;
  const Req req;
  process::Promise<Res> promise;
};


// Protocol<Req, Res>()(pid, req): a request/response exchange.
template <typename Req, typename Res>
struct Protocol
{
  process::Future<Res> operator()(
      const process::UPID& pid,
      const Req& req) const
  {
    static_assert(
        std::is_base_of<google::protobuf::Message, Req>::value &&
        std::is_base_of<google::protobuf::Message, Res>::value,
        "Protocol needs protobuf message types");

    ReqResProcess<Req, Res>* process = new ReqResProcess<Req, Res>(pid, req);
    process::spawn(process, true);
    return process::dispatch(process, &ReqResProcess<Req, Res>::run);
  }
};

#include <mesos/sdk/libc_names_end.hpp>

#endif // __PROCESS_PROTOBUF_HPP__
