#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

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

#endif
