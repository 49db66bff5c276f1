// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_WAIT_HPP__
#define __STOUT_OS_WAIT_HPP__

#include <sys/wait.h>

// An exit status as waitpid(2) reports it.
#ifndef W_EXITCODE
#define W_EXITCODE(ret, sig) ((ret) << 8 | (sig))
#endif

#endif // __STOUT_OS_WAIT_HPP__
