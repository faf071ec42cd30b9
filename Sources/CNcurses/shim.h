// The one C header Oversight includes: the wide-character ncurses API plus small inline accessors
// for what Swift cannot import (function-like macros, attributes, non-Sendable globals).
#ifndef OVERSIGHT_CNCURSES_SHIM_H
#define OVERSIGHT_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *os_stdscr(void) { return stdscr; }
/// Starts ncurses on the process's terminal; NULL (rather than exit, as initscr would) on failure.
static inline SCREEN *os_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int os_lines(void) { return LINES; }
static inline int os_cols(void) { return COLS; }
static inline int os_colors(void) { return COLORS; }
static inline int os_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t os_a_normal(void) { return A_NORMAL; }
static inline attr_t os_a_bold(void) { return A_BOLD; }
static inline attr_t os_a_reverse(void) { return A_REVERSE; }
static inline attr_t os_a_dim(void) { return A_DIM; }
static inline attr_t os_a_underline(void) { return A_UNDERLINE; }

/// Sets one screen cell to a grapheme of up to 5 wide characters with attributes and a colour pair.
static inline int os_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, wch, attrs, (short)pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Reads one key without blocking: returns OK (a character), KEY_CODE_YES (a key code) or ERR.
static inline int os_get_key(unsigned int *key) {
    wint_t value = 0;
    int status = wget_wch(stdscr, &value);
    *key = (unsigned int)value;
    return status;
}

/// Mouse reporting: clicks and the wheel (buttons 4 and 5), or nothing.
static inline void os_enable_mouse(int on) {
    mmask_t mask = on ? (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
    mousemask(mask, NULL);
    mouseinterval(0);
}

/// The pending mouse event: kind 1 = click, 2 = wheel up, 3 = wheel down, 0 = other; -1 if none.
static inline int os_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x; *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
    if (event.bstate & BUTTON5_PRESSED) return 3;
    return 0;
}

/// Whether the terminal can move the cursor anywhere (terminfo `cup`): a full-screen dashboard
/// needs it; `dumb` and printing terminals lack it.
static inline int os_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// Bytes waiting on a file descriptor, or -1: 0 after poll() said "readable" means end of file.
static inline int os_bytes_waiting(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0) return -1;
    return n;
}

/// The terminal's size as the kernel sees it, or -1 when it is not a terminal.
static inline int os_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

#endif
