// Mesos module SDK: clean-room stout compatibility header.
//
// Subset of stout's lambda utilities: the std aliases and CallableOnce
// (needed by process::Future's callback typedefs). stout's partial(),
// map() and zip() are not provided.
#ifndef __STOUT_LAMBDA_HPP__
#define __STOUT_LAMBDA_HPP__

#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace lambda {

using std::bind;
using std::cref;
using std::function;
using std::ref;

using namespace std::placeholders;


template <typename Signature>
class CallableOnce;

// A move-only, type-erased function that may be called at most once, as
// an rvalue: `std::move(f)(args...)`. Unlike std::function it can hold
// move-only callables (e.g. lambdas that own a std::unique_ptr). A void
// signature accepts callables with any return type and drops the result.
template <typename R, typename... Args>
class CallableOnce<R(Args...)>
{
public:
  template <
      typename F,
      typename = std::enable_if_t<
          !std::is_same<std::decay_t<F>, CallableOnce>::value &&
          (std::is_void<R>::value
             ? std::is_invocable<std::decay_t<F>&&, Args...>::value
             : std::is_invocable_r<R, std::decay_t<F>&&, Args...>::value)>>
  CallableOnce(F&& f)
    : target(new Holder<std::decay_t<F>>(std::forward<F>(f))) {}

  CallableOnce(CallableOnce&&) = default;
  CallableOnce& operator=(CallableOnce&&) = default;

  CallableOnce(const CallableOnce&) = delete;
  CallableOnce& operator=(const CallableOnce&) = delete;

  // True while a callable is held (false after being moved from).
  explicit operator bool() const { return target != nullptr; }

  R operator()(Args... args) &&
  {
    return std::move(*target).call(std::forward<Args>(args)...);
  }

private:
  struct Base
  {
    virtual ~Base() = default;
    virtual R call(Args&&... args) && = 0;
  };

  template <typename F>
  struct Holder : Base
  {
    template <typename G>
    explicit Holder(G&& g) : f(std::forward<G>(g)) {}

    R call(Args&&... args) && override
    {
      if constexpr (std::is_void<R>::value) {
        std::invoke(std::move(f), std::forward<Args>(args)...);
      } else {
        return std::invoke(std::move(f), std::forward<Args>(args)...);
      }
    }

    F f;
  };

  std::unique_ptr<Base> target;
};

} // namespace lambda {

#endif // __STOUT_LAMBDA_HPP__
