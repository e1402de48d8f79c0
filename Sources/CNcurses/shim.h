#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <fcntl.h>
#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>
#include <termios.h>

/* Swift cannot see C macros that expand to expressions or call variadic functions:
   each wrapper below gives one of them a plain function signature. */

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int cn_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline unsigned int cn_a_normal(void) { return A_NORMAL; }
static inline unsigned int cn_a_bold(void) { return A_BOLD; }
static inline unsigned int cn_a_reverse(void) { return A_REVERSE; }
static inline unsigned int cn_a_underline(void) { return A_UNDERLINE; }
static inline unsigned int cn_a_dim(void) { return A_DIM; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }

/* Reads one wide character or key code; returns OK, KEY_CODE_YES or ERR. */
static inline int cn_get_wch(WINDOW *w, wint_t *out) { return wget_wch(w, out); }

/* Writes one grapheme (a base character plus combining marks) with attributes and a colour pair. */
static inline int cn_mvadd_cluster(WINDOW *w, int y, int x, const wchar_t *wch, unsigned int attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, (attr_t)attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(w, y, x, &c);
}

static inline int cn_setlocale_all(void) { return setlocale(LC_ALL, "") != NULL; }

/* The character set of the current locale ("UTF-8", "ANSI_X3.4-1968", ...). */
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

static inline unsigned int cn_a_standout(void) { return A_STANDOUT; }
static inline short cn_color_default(void) { return -1; }

/* Writes raw bytes to the terminal (escape sequences ncurses has no call for, e.g. bracketed paste). */
static inline void cn_write_raw(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

/* Writes a terminfo capability to fd, without its padding specifications ($<...>). */
static inline void cn_write_capability(int fd, const char *name) {
    const char *text = tigetstr(name);
    if (text == NULL || text == (const char *)-1) return;
    char out[256];
    size_t length = 0;
    for (const char *c = text; *c != '\0' && length < sizeof out; c++) {
        if (c[0] == '$' && c[1] == '<') {
            const char *close = strchr(c, '>');
            if (close != NULL) {
                c = close;
                continue;
            }
        }
        out[length++] = *c;
    }
    if (length > 0) (void)!write(fd, out, length);
}

/* Gives the terminal back from any thread, for a process that ends at once without returning to
   its run loop. endwin() cannot be used there: the run loop's thread may be inside ncurses at
   the same moment, and its next refresh would take the screen again. So ncurses's output goes to
   /dev/null from here on, and the terminal is put back by hand: bracketed paste off, plain
   attributes, cursor shown, keypad and alternate screen left, and `settings` (those from before
   the program took the terminal; none when they could not be read) restored. */
static inline void cn_give_terminal_back_for_exit(const struct termios *settings) {
    int terminal = dup(STDOUT_FILENO);
    int nowhere = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (nowhere >= 0) {
        dup2(nowhere, STDOUT_FILENO);
        close(nowhere);
    }
    if (terminal < 0) return;
    (void)!write(terminal, "\033[?2004l", 8);
    cn_write_capability(terminal, "sgr0");
    cn_write_capability(terminal, "cnorm");
    cn_write_capability(terminal, "rmkx");
    cn_write_capability(terminal, "rmcup");
    if (settings != NULL) tcsetattr(terminal, TCSADRAIN, settings);
    close(terminal);
}

/* Termination signals only set a flag here (async-signal-safe); the run loop sees it within one
   read timeout, restores the terminal and then dies of the same signal. */
static volatile sig_atomic_t cn_pending_signal = 0;

static void cn_record_signal(int signal_number) { cn_pending_signal = signal_number; }

/* Installs the flag-setting handler for SIGINT, SIGTERM, SIGHUP and SIGQUIT (no SA_RESTART, so a
   blocking read returns at once). */
static inline void cn_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cn_record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
    /* A parent may have started us with these blocked; they must reach the handler. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGQUIT);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}

/* Returns the signal that arrived since the last call (0 if none) and clears it. */
static inline int cn_take_signal(void) {
    int received = cn_pending_signal;
    cn_pending_signal = 0;
    return received;
}

/* Puts back the default action of a signal and raises it, so the process ends as the sender meant. */
static inline void cn_reraise(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, NULL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal_number);
    pthread_sigmask(SIG_UNBLOCK, &only, NULL);
    kill(getpid(), signal_number);
    /* Not reached unless every thread blocks the signal: end with the shell's code for it. */
    _exit(128 + signal_number);
}

static inline void cn_restore_default_signals(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
}

#endif
