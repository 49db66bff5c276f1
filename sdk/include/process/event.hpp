// Mesos module SDK: clean-room libprocess compatibility header.
//
// The events a process serves one at a time: messages, dispatches, exit
// notifications of linked processes, and termination. (HTTP events exist
// only as a name: the bundled runtime serves no HTTP.)
#ifndef __PROCESS_EVENT_HPP__
#define __PROCESS_EVENT_HPP__

#include <memory>
#include <string>
#include <typeinfo>
#include <utility>

#include <process/future.hpp>
#include <process/message.hpp>
#include <process/pid.hpp>

#include <stout/abort.hpp>
#include <stout/lambda.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

namespace process {

class ProcessBase;

struct MessageEvent;
struct DispatchEvent;
struct HttpEvent;
struct ExitedEvent;
struct TerminateEvent;


struct EventVisitor
{
  virtual ~EventVisitor() {}
  virtual void visit(const MessageEvent&) {}
  virtual void visit(const DispatchEvent&) {}
  virtual void visit(const HttpEvent&) {}
  virtual void visit(const ExitedEvent&) {}
  virtual void visit(const TerminateEvent&) {}
};


struct EventConsumer
{
  virtual ~EventConsumer() {}
  virtual void consume(MessageEvent&&) {}
  virtual void consume(DispatchEvent&&) {}
  virtual void consume(HttpEvent&&) {}
  virtual void consume(ExitedEvent&&) {}
  virtual void consume(TerminateEvent&&) {}
};


struct Event
{
  virtual ~Event() {}

  virtual void visit(EventVisitor* visitor) const = 0;
  virtual void consume(EventConsumer* consumer) && = 0;

  // Whether this event is a T.
  template <typename T>
  bool is() const
  {
    return dynamic_cast<const T*>(this) != nullptr;
  }

  // This event as a T; aborts if it is not one.
  template <typename T>
  const T& as() const
  {
    const T* t = dynamic_cast<const T*>(this);
    if (t == nullptr) {
      ABORT("Attempting to \"cast\" event incorrectly!");
    }
    return *t;
  }
};


struct MessageEvent : Event
{
  explicit MessageEvent(Message&& _message) : message(std::move(_message)) {}

  MessageEvent(
      const UPID& from,
      const UPID& to,
      const std::string& name,
      const char* data,
      size_t length)
    : message{name, from, to, std::string(data, length)} {}

  MessageEvent(
      const UPID& from,
      const UPID& to,
      std::string&& name,
      std::string&& data)
    : message{std::move(name), from, to, std::move(data)} {}

  MessageEvent(MessageEvent&&) = default;
  MessageEvent(const MessageEvent&) = delete;
  MessageEvent& operator=(MessageEvent&&) = default;
  MessageEvent& operator=(const MessageEvent&) = delete;

  void visit(EventVisitor* visitor) const override { visitor->visit(*this); }

  void consume(EventConsumer* consumer) && override
  {
    consumer->consume(std::move(*this));
  }

  Message message;
};


// A function to run inside the process (see dispatch.hpp).
struct DispatchEvent : Event
{
  DispatchEvent(
      std::unique_ptr<lambda::CallableOnce<void(ProcessBase*)>> _f,
      const Option<const std::type_info*>& _functionType)
    : f(std::move(_f)), functionType(_functionType) {}

  DispatchEvent(DispatchEvent&&) = default;
  DispatchEvent(const DispatchEvent&) = delete;
  DispatchEvent& operator=(DispatchEvent&&) = default;
  DispatchEvent& operator=(const DispatchEvent&) = delete;

  void visit(EventVisitor* visitor) const override { visitor->visit(*this); }

  void consume(EventConsumer* consumer) && override
  {
    consumer->consume(std::move(*this));
  }

  std::unique_ptr<lambda::CallableOnce<void(ProcessBase*)>> f;
  Option<const std::type_info*> functionType;
};


// An HTTP request. The bundled runtime serves no HTTP, so none is ever
// delivered; the type exists for visitors and consume() overrides.
struct HttpEvent : Event
{
  void visit(EventVisitor* visitor) const override { visitor->visit(*this); }

  void consume(EventConsumer* consumer) && override
  {
    consumer->consume(std::move(*this));
  }
};


// A linked process (`pid`) has terminated.
struct ExitedEvent : Event
{
  explicit ExitedEvent(const UPID& _pid) : pid(_pid) {}

  ExitedEvent(ExitedEvent&&) = default;
  ExitedEvent(const ExitedEvent&) = delete;
  ExitedEvent& operator=(ExitedEvent&&) = default;
  ExitedEvent& operator=(const ExitedEvent&) = delete;

  void visit(EventVisitor* visitor) const override { visitor->visit(*this); }

  void consume(EventConsumer* consumer) && override
  {
    consumer->consume(std::move(*this));
  }

  UPID pid;
};


// Ends the process. With `inject`, events queued before it are dropped.
struct TerminateEvent : Event
{
  TerminateEvent(const UPID& _from, bool _inject)
    : from(_from), inject(_inject) {}

  TerminateEvent(TerminateEvent&&) = default;
  TerminateEvent(const TerminateEvent&) = delete;
  TerminateEvent& operator=(TerminateEvent&&) = default;
  TerminateEvent& operator=(const TerminateEvent&) = delete;

  void visit(EventVisitor* visitor) const override { visitor->visit(*this); }

  void consume(EventConsumer* consumer) && override
  {
    consumer->consume(std::move(*this));
  }

  UPID from;
  bool inject;
};

} // namespace process {

#endif // __PROCESS_EVENT_HPP__
