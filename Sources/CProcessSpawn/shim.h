#ifndef CPROCESSSPAWN_SHIM_H
#define CPROCESSSPAWN_SHIM_H

/* Two GNU functions the engine's process runner needs. Swift's Glibc module is built without
   _GNU_SOURCE, so their declarations are hidden from Swift; they are declared here (weakly, so a
   C library without them still links, and the wrappers fall back). */

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

extern int pipe2(int descriptors[2], int flags) __attribute__((weak));
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int lowest)
    __attribute__((weak));

/* Moves a descriptor to 3 or above (keeping close-on-exec), so the child's 0, 1 and 2 can be
   set up by dup2 in any order even when this process was started with one of them closed. */
static inline int cps_above_stdio(int descriptor) {
    if (descriptor > 2) return descriptor;
    int moved = fcntl(descriptor, F_DUPFD_CLOEXEC, 3);
    int saved = errno;
    close(descriptor);
    errno = saved;
    return moved;
}

/* A pipe whose two ends are close-on-exec (so no other process started meanwhile inherits them)
   and numbered 3 or above. Returns 0, or -1 with errno set. */
static inline int cps_pipe(int descriptors[2]) {
    int made;
    if (pipe2 != NULL) {
        made = pipe2(descriptors, O_CLOEXEC);
    } else {
        made = pipe(descriptors);
        if (made == 0) {
            fcntl(descriptors[0], F_SETFD, FD_CLOEXEC);
            fcntl(descriptors[1], F_SETFD, FD_CLOEXEC);
        }
    }
    if (made != 0) return -1;
    for (int end = 0; end < 2; end++) {
        descriptors[end] = cps_above_stdio(descriptors[end]);
        if (descriptors[end] < 0) {
            int saved = errno;
            if (descriptors[1 - end] >= 0) close(descriptors[1 - end]);
            errno = saved;
            return -1;
        }
    }
    return 0;
}

/* Asks posix_spawn to close every descriptor from `lowest` up in the child. Returns 0 when that
   is arranged, ENOSYS when this C library cannot (glibc before 2.34), else the error. */
static inline int cps_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    if (posix_spawn_file_actions_addclosefrom_np == NULL) return ENOSYS;
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

#endif
