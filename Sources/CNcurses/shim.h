// The one C header Oversight includes: the wide-character ncurses API plus small inline accessors
// for what Swift cannot import (function-like macros, attributes, non-Sendable globals).
// Each accessor is named shim_… so that a call site shows it comes from here, not from ncurses.
#ifndef OVERSIGHT_CNCURSES_SHIM_H
#define OVERSIGHT_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *shim_stdscr(void) { return stdscr; }
/// Starts ncurses on a terminal (standard output and input, or /dev/tty where they are not one);
/// NULL (rather than exit, as initscr would) on failure.
static inline SCREEN *shim_newterm(int out_fd, int in_fd) {
    FILE *out = out_fd == STDOUT_FILENO ? stdout : fdopen(out_fd, "w");
    FILE *in = in_fd == STDIN_FILENO ? stdin : fdopen(in_fd, "r");
    if (out == NULL || in == NULL) return NULL;
    return newterm(NULL, out, in);
}
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }

/// Sets one screen cell to a grapheme of up to 5 wide characters with attributes and a colour pair.
static inline int shim_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, wch, attrs, (short)pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Reads one key without blocking: returns OK (a character), KEY_CODE_YES (a key code) or ERR.
static inline int shim_get_key(unsigned int *key) {
    wint_t value = 0;
    int status = wget_wch(stdscr, &value);
    *key = (unsigned int)value;
    return status;
}

/// Mouse reporting: clicks and the wheel (buttons 4 and 5), or nothing.
static inline void shim_enable_mouse(int on) {
    mmask_t mask = on ? (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
    mousemask(mask, NULL);
    mouseinterval(0);
}

/// The pending mouse event: kind 1 = click, 2 = wheel up, 3 = wheel down, 0 = other; -1 if none.
static inline int shim_read_mouse(int *x, int *y) {
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
static inline int shim_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// Bytes waiting on a file descriptor, or -1: 0 after poll() said "readable" means end of file.
static inline int shim_bytes_waiting(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0) return -1;
    return n;
}

/// The terminal's size as the kernel sees it, or -1 when it is not a terminal.
static inline int shim_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

/// What a crash handler needs to give the terminal back, captured while it is safe to call ncurses:
/// the terminal modes from before ncurses started, and the bytes that leave the alternate screen,
/// show the cursor, reset attributes and stop mouse reports. The handler then uses only write()
/// and tcsetattr(), which are safe inside a signal handler; endwin() is not.
struct shim_crash_state {
    struct termios modes;
    int modes_saved;
    int in_fd, out_fd;
    char bytes[512];
    size_t length;
};

// File-scope statics in this header are not emitted for Swift; a function-local one is.
static inline struct shim_crash_state *shim_crash(void) {
    static struct shim_crash_state state;
    return &state;
}

static inline void shim_crash_save_modes(int in_fd, int out_fd) {
    shim_crash()->in_fd = in_fd;
    shim_crash()->out_fd = out_fd;
    shim_crash()->modes_saved = tcgetattr(in_fd, &shim_crash()->modes) == 0;
}

static inline void shim_crash_append(const char *bytes) {
    if (bytes == NULL || bytes == (char *)-1) return;
    size_t n = strlen(bytes);
    struct shim_crash_state *state = shim_crash();
    if (state->length + n >= sizeof state->bytes) return;
    memcpy(state->bytes + state->length, bytes, n);
    state->length += n;
}

static void shim_crash_handler(int signal_number) {
    struct shim_crash_state *state = shim_crash();
    if (state->length > 0) { ssize_t ignored = write(state->out_fd, state->bytes, state->length); (void)ignored; }
    if (state->modes_saved) tcsetattr(state->in_fd, TCSANOW, &state->modes);
    static const char message[] = "oversight: crashed; the terminal was restored\r\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1); (void)ignored;
    // The default action then ends the process (with a core dump where enabled). The Swift
    // runtime's backtracer is not chained: in a terminal it can wait for a key (issue 5).
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/// Installs the crash handler for the fatal signals, once ncurses has started.
static inline void shim_crash_install(int mouse) {
    shim_crash()->length = 0;
    shim_crash_append(tigetstr("sgr0"));
    shim_crash_append(tigetstr("cnorm"));
    shim_crash_append(tigetstr("rmcup"));
    if (mouse) shim_crash_append("\033[?1000l\033[?1002l\033[?1006l");
    int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = shim_crash_handler;
        sigemptyset(&action.sa_mask);
        sigaction(fatal[i], &action, NULL);
    }
}

/// Back to the default actions once the terminal is restored the normal way.
static inline void shim_crash_uninstall(void) {
    int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) signal(fatal[i], SIG_DFL);
}

#endif
