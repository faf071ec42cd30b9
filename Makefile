# Build and install Oversight as a command-line tool (README, "Install").
#
#   make install PREFIX=/usr/local          build (release) and install
#   make uninstall PREFIX=/usr/local        remove what install put there
#   make install DESTDIR=/tmp/stage         stage for a package
#   make install CONFIG=debug               a debug build (the suite's install test)
#   make man                                regenerate the command pages in docs/man/
#
# What goes where under PREFIX:
#   bin/oversight
#   share/oversight/themes/, share/oversight/sample-data/   (found beside bin/ at run time)
#   share/man/man1/oversight.1 (hand-written), oversight.COMMAND.1 (generated)
#   share/bash-completion/completions/oversight
#   share/zsh/site-functions/_oversight
#   share/fish/vendor_completions.d/oversight.fish

PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= release
SWIFT ?= swift
# A binary built already, to install instead of building one: the suite's install test passes the
# one `swift test` built, since a second SwiftPM cannot take the build folder the first holds.
BINARY ?=
# A release build links the Swift runtime and Foundation in: the binary runs where no Swift is
# installed, and starts ~7–10 ms sooner (no dynamic linking of Foundation; docs/BENCHMARKS.md).
# SwiftPM builds everything again when this changes, so scripts/bench.sh passes the same flag.
STATIC ?= $(if $(filter release,$(CONFIG)),--static-swift-stdlib,)

bindir := $(DESTDIR)$(PREFIX)/bin
datadir := $(DESTDIR)$(PREFIX)/share/oversight
man1dir := $(DESTDIR)$(PREFIX)/share/man/man1
bashdir := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: all build install uninstall man

all: build

build:
ifeq ($(BINARY),)
	$(SWIFT) build -c $(CONFIG) --product oversight $(STATIC)
endif

install: build
	@set -e; \
	binary="$(BINARY)"; \
	if [ -z "$$binary" ]; then binary="$$($(SWIFT) build -c $(CONFIG) $(STATIC) --show-bin-path)/oversight"; fi; \
	install -d "$(bindir)" "$(datadir)" "$(man1dir)" "$(bashdir)" "$(zshdir)" "$(fishdir)"; \
	install -m 0755 "$$binary" "$(bindir)/oversight"; \
	rm -rf "$(datadir)/themes" "$(datadir)/sample-data"; \
	cp -R themes sample-data "$(datadir)/"; \
	chmod -R u=rwX,go=rX "$(datadir)"; \
	install -m 0644 docs/man/*.1 "$(man1dir)/"; \
	"$(bindir)/oversight" --generate-completion-script bash > "$(bashdir)/oversight"; \
	"$(bindir)/oversight" --generate-completion-script zsh > "$(zshdir)/_oversight"; \
	"$(bindir)/oversight" --generate-completion-script fish > "$(fishdir)/oversight.fish"; \
	echo "installed $(bindir)/oversight, $(datadir)/, $(man1dir)/oversight*.1 and completions for bash, zsh and fish"

uninstall:
	rm -f "$(bindir)/oversight"
	rm -rf "$(datadir)"
	rm -f "$(man1dir)"/oversight.1 "$(man1dir)"/oversight.*.1
	rm -f "$(bashdir)/oversight" "$(zshdir)/_oversight" "$(fishdir)/oversight.fish"

# The plugin writes a page per command from the commands themselves (oversight.list.1,
# oversight.record.run.1, …); its root page is replaced by the hand-written docs/man/oversight.1,
# which covers what the parser cannot know (keys, files, environment, exit codes). A test fails
# when a command has no page or a page names an option that is gone, so rerun this after
# changing a command. A blank line between a discussion's paragraphs becomes `.Pp` (mdoc warns
# about blank lines), and the last line gets its newline.
man:
	$(SWIFT) package generate-manual --multi-page --configuration debug --authors "The Oversight authors"
	@set -e; \
	out=.build/plugins/GenerateManual/outputs/oversight; \
	rm -f docs/man/oversight.*.1; \
	for page in "$$out"/oversight.*.1; do \
		sed -e 's/^$$/.Pp/' -e '$$a\' "$$page" > "docs/man/$$(basename "$$page")"; \
	done; \
	ls docs/man
