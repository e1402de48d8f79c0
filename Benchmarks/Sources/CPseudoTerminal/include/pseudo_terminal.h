#ifndef PSEUDO_TERMINAL_H
#define PSEUDO_TERMINAL_H

#include <sys/types.h>

/// Opens a new pseudo-terminal of `rows` x `columns`, returns the master side's descriptor (or -1
/// with errno set) and writes the path of the terminal side into `name`.
int pt_open(unsigned short rows, unsigned short columns, char *name, unsigned long name_length);

/// Starts `path` with `argv` and `envp` in a new session whose standard input, output and error
/// are the terminal at `terminal_name`, which becomes its controlling terminal. Returns 0 and the
/// child's id in `pid`, or an errno value. `master` is closed in the child.
int pt_spawn(const char *path, char *const argv[], char *const envp[], const char *terminal_name, int master,
             pid_t *pid);

/// Starts `path` with `argv` and `envp` with standard input from /dev/null and standard output and
/// error into `output` (a descriptor, or -1 for /dev/null). Returns 0 and the child's id, or an errno value.
int pt_spawn_plain(const char *path, char *const argv[], char *const envp[], int output, pid_t *pid);

/// Waits for `pid` to end; fills its exit status, CPU time (microseconds) and peak resident
/// memory (kilobytes). Returns 0, or an errno value.
int pt_wait(pid_t pid, int *status, long long *user_microseconds, long long *system_microseconds,
            long *max_resident_kilobytes);

/// The exit code of a wait status, or 128 + the signal that ended the process.
int pt_exit_code(int status);

#endif
