// Mesos module SDK: clean-room stout compatibility header.
//
// Flags: declare members, register them with add() in the constructor,
// then load() from the command line, the environment or a map:
//
//   class MyFlags : public virtual flags::FlagsBase
//   {
//   public:
//     MyFlags()
//     {
//       add(&MyFlags::debug, "debug", "Verbose output", false);
//       add(&MyFlags::name, "name", "Who to greet");   // Option: optional
//     }
//     bool debug;
//     Option<std::string> name;
//   };
#ifndef __STOUT_FLAGS_HPP__
#define __STOUT_FLAGS_HPP__

#include <stout/flags/flags.hpp>

#endif // __STOUT_FLAGS_HPP__
