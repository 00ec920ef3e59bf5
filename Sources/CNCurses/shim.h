#ifndef SERA_CNCURSES_SHIM_H
#define SERA_CNCURSES_SHIM_H
/* SwiftPM drops -D flags from pkg-config, so the wide-character API is switched on here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>

/* Macros and globals that Swift cannot import (or that Swift 6 rejects as shared mutable state). */
static inline attr_t sera_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t sera_A_BOLD(void) { return A_BOLD; }
static inline attr_t sera_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t sera_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t sera_A_DIM(void) { return A_DIM; }
static inline attr_t sera_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }
static inline WINDOW *sera_stdscr(void) { return stdscr; }
static inline int sera_LINES(void) { return LINES; }
static inline int sera_COLS(void) { return COLS; }
static inline int sera_COLORS(void) { return COLORS; }
static inline int sera_attr_on(WINDOW *w, attr_t a) { return wattr_on(w, a, NULL); }
static inline int sera_attr_off(WINDOW *w, attr_t a) { return wattr_off(w, a, NULL); }
static inline int sera_attr_set(WINDOW *w, attr_t a) { return wattr_set(w, a, 0, NULL); }
static inline void sera_set_escdelay(int ms) { set_escdelay(ms); }
/* glibc declares wcwidth only under _XOPEN_SOURCE, which the module does not define. */
extern int wcwidth(wchar_t c);
static inline int sera_wcwidth(int c) { return wcwidth((wchar_t)c); }
static inline const char *sera_codeset(void) { return nl_langinfo(CODESET); }
/* The terminal's size as the kernel knows it (ioctl is variadic, which Swift cannot call). */
static inline int sera_window_size(int fd, int *rows, int *cols) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
  *rows = size.ws_row;
  *cols = size.ws_col;
  return 0;
}
#endif
