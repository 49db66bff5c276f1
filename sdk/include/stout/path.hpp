// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_PATH_HPP__
#define __STOUT_PATH_HPP__

#include <algorithm>
#include <iterator>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <stout/attributes.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/os/constants.hpp>

namespace path {

// A "file://" URI (or a plain path) as a file name: the prefix, if any,
// is dropped.
inline std::string from_uri(const std::string& uri)
{
  return strings::remove(uri, "file://", strings::PREFIX);
}


// Lexical normalization: repeated separators and "." components vanish,
// "x/.." pairs cancel, "" becomes ".", and a trailing separator is
// dropped ("A//./b/../C/" -> "A/C"). A ".." that would climb above the
// root of an absolute path is an error; in a relative path leading ".."
// components are kept.
inline Try<std::string> normalize(
    const std::string& path,
    const char _separator = os::PATH_SEPARATOR)
{
  if (path.empty()) {
    return std::string(".");
  }

  const std::string separator(1, _separator);
  const bool absolute = path[0] == _separator;

  std::vector<std::string> kept;
  for (const std::string& component : strings::tokenize(path, separator)) {
    if (component == ".") {
      continue;
    }
    if (component == "..") {
      if (kept.empty() || kept.back() == "..") {
        if (absolute) {
          return Error("Absolute path '" + path + "' tries to escape root");
        }
        kept.push_back(component);
      } else {
        kept.pop_back();
      }
      continue;
    }
    kept.push_back(component);
  }

  if (kept.empty()) {
    return absolute ? separator : std::string(".");
  }

  std::string result = absolute ? separator : std::string();
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) {
      result += separator;
    }
    result += kept[i];
  }
  return result;
}


// join("a/", "/b") == "a/b": exactly one separator between the two
// parts (one trailing separator of the first and one leading separator
// of the second are dropped, then one is inserted).
inline std::string join(
    const std::string& path1,
    const std::string& path2,
    const char _separator = os::PATH_SEPARATOR)
{
  const std::string separator(1, _separator);
  return strings::remove(path1, separator, strings::SUFFIX) + separator +
         strings::remove(path2, separator, strings::PREFIX);
}


// join(a, b, c, ...): folded from the right, join(a, join(b, c)).
template <typename... Paths>
std::string join(
    const std::string& path1,
    const std::string& path2,
    Paths&&... paths)
{
  return join(path1, join(path2, std::forward<Paths>(paths)...));
}


// Joins a list of components left to right; {} gives "".
inline std::string join(
    const std::vector<std::string>& paths,
    const char separator = os::PATH_SEPARATOR)
{
  if (paths.empty()) {
    return "";
  }
  std::string result = paths[0];
  for (size_t i = 1; i < paths.size(); ++i) {
    result = join(result, paths[i], separator);
  }
  return result;
}


inline bool is_absolute(const std::string& path)
{
  return strings::startsWith(path, os::PATH_SEPARATOR);
}


STOUT_DEPRECATED inline bool absolute(const std::string& path)
{
  return is_absolute(path);
}

} // namespace path {


// A file system path (a "file://" prefix is dropped on construction)
// with thread-safe basename() / dirname() following POSIX basename(3) /
// dirname(3), and iteration over its separator-delimited components.
class Path
{
public:
  Path() : value(), separator(os::PATH_SEPARATOR) {}

  explicit Path(
      const std::string& path,
      const char path_separator = os::PATH_SEPARATOR)
    : value(strings::remove(path, "file://", strings::PREFIX)),
      separator(path_separator) {}

  // "/usr/lib" -> "lib", "/usr/" -> "usr", "/" -> "/", "" -> ".".
  std::string basename() const
  {
    if (value.empty()) {
      return ".";
    }
    const size_t last = value.find_last_not_of(separator);
    if (last == std::string::npos) {
      return std::string(1, separator); // Only separators.
    }
    const size_t slash = value.find_last_of(separator, last);
    const size_t first = slash == std::string::npos ? 0 : slash + 1;
    return value.substr(first, last + 1 - first);
  }

  // "/usr/lib" -> "/usr", "/usr/" -> "/", "usr" -> ".", "/" -> "/".
  std::string dirname() const
  {
    if (value.empty()) {
      return ".";
    }
    size_t last = value.find_last_not_of(separator);
    if (last == std::string::npos) {
      return std::string(1, separator); // Only separators.
    }
    const size_t slash = value.find_last_of(separator, last);
    if (slash == std::string::npos) {
      return ".";
    }
    last = value.find_last_not_of(separator, slash);
    if (last == std::string::npos) {
      return std::string(1, separator);
    }
    return value.substr(0, last + 1);
  }

  // The basename's last ".xyz" (".bashrc" counts), or None for names
  // without a dot and for "." / "..".
  Option<std::string> extension() const
  {
    const std::string name = basename();
    const size_t dot = name.rfind('.');
    if (name == "." || name == ".." || dot == std::string::npos) {
      return None();
    }
    return name.substr(dot);
  }

  bool is_absolute() const { return path::is_absolute(value); }

  operator std::string() const { return value; }

  const std::string& string() const { return value; }

  // Walks the components between separators, without normalizing
  // (so "/a//b" yields "", "a", "", "b").
  class const_iterator
  {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string;
    using difference_type = std::string::const_iterator::difference_type;
    using pointer = std::string::const_iterator::pointer;
    using reference = std::string;

    explicit const_iterator(
        const Path* _path,
        std::string::const_iterator _offset)
      : path(_path), offset(_offset) {}

    explicit const_iterator(Path&&) = delete;

    const_iterator& operator++()
    {
      offset = std::find(offset, path->string().end(), path->separator);
      if (offset != path->string().end()) {
        ++offset;
      }
      return *this;
    }

    const_iterator operator++(int)
    {
      const_iterator previous = *this;
      ++(*this);
      return previous;
    }

    bool operator==(const const_iterator& that) const
    {
      return path == that.path && offset == that.offset;
    }

    bool operator!=(const const_iterator& that) const
    {
      return !(*this == that);
    }

    reference operator*() const
    {
      return std::string(
          offset,
          std::find(offset, path->string().end(), path->separator));
    }

  private:
    const Path* path;
    std::string::const_iterator offset;
  };

  const_iterator begin() const { return const_iterator(this, value.begin()); }
  const_iterator end() const { return const_iterator(this, value.end()); }

private:
  std::string value;
  char separator;
};


inline bool operator==(const Path& left, const Path& right)
{
  return left.string() == right.string();
}


inline bool operator!=(const Path& left, const Path& right)
{
  return !(left == right);
}


inline bool operator<(const Path& left, const Path& right)
{
  return left.string() < right.string();
}


inline bool operator>(const Path& left, const Path& right)
{
  return right < left;
}


inline bool operator<=(const Path& left, const Path& right)
{
  return !(right < left);
}


inline bool operator>=(const Path& left, const Path& right)
{
  return !(left < right);
}


inline std::ostream& operator<<(std::ostream& stream, const Path& path)
{
  return stream << path.string();
}


namespace path {

// `path_` relative to `base_` ("/a/b/c" from "/a/d" is "../b/c"; equal
// paths give "."). Both must be absolute or both relative.
inline Try<std::string> relative(
    const std::string& path_,
    const std::string& base_,
    char path_separator = os::PATH_SEPARATOR)
{
  if (is_absolute(path_) != is_absolute(base_)) {
    return Error(
        "Relative paths can only be computed between paths which are either "
        "both absolute or both relative");
  }

  Try<std::string> target = normalize(path_);
  if (target.isError()) {
    return target;
  }
  Try<std::string> base = normalize(base_);
  if (base.isError()) {
    return base;
  }

  if (target.get() == base.get()) {
    return std::string(".");
  }

  const Path targetPath(target.get());
  const Path basePath(base.get());

  auto t = targetPath.begin();
  auto b = basePath.begin();
  while (t != targetPath.end() && b != basePath.end() && *t == *b) {
    ++t;
    ++b;
  }

  std::vector<std::string> components;
  for (; b != basePath.end(); ++b) {
    components.push_back("..");
  }
  for (; t != targetPath.end(); ++t) {
    components.push_back(*t);
  }

  return join(components, path_separator);
}

} // namespace path {

#endif // __STOUT_PATH_HPP__
