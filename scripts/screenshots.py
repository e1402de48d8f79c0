#!/usr/bin/python3
"""Screenshots of the wizard's main screens, taken from the real binary in tmux.

Each shot starts `remote-cluster-wizard demo --autoplay` in a tmux server of its own, lets autoplay
bring the wizard to the screen (or drives the last keys itself, as a person would), copies the
pane with its colours (`capture-pane -e`) and draws the cells into a PNG with DejaVu Sans Mono.
Box-drawing characters are drawn as lines across the whole cell, so borders join without gaps.

Usage: screenshots.py BINARY OUT_DIR
Needs tmux, python3-pil and fonts-dejavu-core (the Makefile's `screenshots` target installs them).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 100, 30
FONT_SIZE = 18
PADDING = 14
FONT_DIR = "/usr/share/fonts/truetype/dejavu"

BACKGROUND = (30, 32, 38)
FOREGROUND = (216, 219, 226)
# Black, red, green, yellow, blue, magenta, cyan, white; then the bright ones.
PALETTE = [
    (40, 42, 48), (224, 108, 117), (152, 195, 121), (229, 192, 123),
    (97, 151, 238), (198, 120, 221), (86, 182, 194), (200, 204, 212),
    (92, 99, 112), (240, 130, 140), (170, 215, 140), (240, 210, 140),
    (130, 175, 250), (215, 145, 235), (110, 205, 215), (240, 242, 246),
]


class Pane:
    """One tmux server with one pane running bash, on a socket of its own."""

    def __init__(self, environment):
        self.socket = "rcw-shots-" + uuid.uuid4().hex[:8]
        shell = " ".join(f"{k}='{v}'" for k, v in environment.items())
        self.tmux("new-session", "-d", "-s", "shot", "-x", str(WIDTH), "-y", str(HEIGHT),
                  f"env -u NO_COLOR {shell} PS1='shot$ ' bash --norc --noprofile")
        self.tmux("set-option", "-t", "shot", "window-size", "manual")
        self.wait_for("the shell prompt", lambda s: "shot$" in s)

    def tmux(self, *arguments):
        result = subprocess.run(["tmux", "-u", "-f", "/dev/null", "-L", self.socket, *arguments],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(arguments)}: {result.stderr.strip()}")
        return result.stdout

    def keys(self, *names):
        self.tmux("send-keys", "-t", "shot", *names)

    def line(self, text):
        self.tmux("send-keys", "-t", "shot", "-l", text)
        self.keys("Enter")

    def text(self):
        return self.tmux("capture-pane", "-p", "-t", "shot")

    def wait_for(self, what, condition, timeout=120):
        """Polls the screen until `condition(screen)` holds; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if condition(screen):
                return screen
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.05)

    def wait_for_text(self, *texts, timeout=120):
        return self.wait_for(" and ".join(texts), lambda s: all(t in s for t in texts), timeout)

    def state(self):
        """The screen's text and where the cursor is."""
        return self.text(), self.tmux("display-message", "-p", "-t", "shot", "#{cursor_x} #{cursor_y}")

    def capture(self):
        """The screen with escapes, and the cursor (column, row) when it is shown."""
        ansi = self.tmux("capture-pane", "-e", "-p", "-t", "shot")
        x, y, flag = self.tmux("display-message", "-p", "-t", "shot",
                               "#{cursor_x} #{cursor_y} #{cursor_flag}").split()
        return ansi, ((int(x), int(y)) if flag == "1" else None)

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


# ---------------------------------------------------------------- parsing the pane's escapes

class Cell:
    __slots__ = ("char", "fg", "bg", "bold", "dim", "reverse", "underline")

    def __init__(self, char=" ", fg=None, bg=None, bold=False, dim=False, reverse=False, underline=False):
        self.char, self.fg, self.bg = char, fg, bg
        self.bold, self.dim, self.reverse, self.underline = bold, dim, reverse, underline


def colour(index):
    if index < 16:
        return PALETTE[index]
    if index < 232:
        index -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[index // 36], steps[(index // 6) % 6], steps[index % 6])
    level = 8 + (index - 232) * 10
    return (level, level, level)


SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Za-z0-9])")


def parse(ansi):
    """The pane as rows of cells, from tmux's SGR escapes."""
    rows = []
    state = Cell()
    for text in ansi.split("\n")[:HEIGHT]:
        row = []
        position = 0
        while position < len(text):
            match = SGR.match(text, position)
            if match:
                apply_sgr(state, match.group(1))
                position = match.end()
                continue
            other = OTHER_ESCAPE.match(text, position)
            if other:
                position = other.end()
                continue
            row.append(Cell(text[position], state.fg, state.bg, state.bold, state.dim, state.reverse,
                            state.underline))
            position += 1
        rows.append(row[:WIDTH])
    while len(rows) < HEIGHT:
        rows.append([])
    return rows


def apply_sgr(state, parameters):
    codes = [int(p) if p else 0 for p in re.split("[;:]", parameters)] if parameters else [0]
    i = 0
    while i < len(codes):
        code = codes[i]
        if code == 0:
            state.fg = state.bg = None
            state.bold = state.dim = state.reverse = state.underline = False
        elif code == 1:
            state.bold = True
        elif code == 2:
            state.dim = True
        elif code == 4:
            state.underline = True
        elif code == 7:
            state.reverse = True
        elif code == 22:
            state.bold = state.dim = False
        elif code == 24:
            state.underline = False
        elif code == 27:
            state.reverse = False
        elif 30 <= code <= 37:
            state.fg = PALETTE[code - 30]
        elif code == 39:
            state.fg = None
        elif 40 <= code <= 47:
            state.bg = PALETTE[code - 40]
        elif code == 49:
            state.bg = None
        elif 90 <= code <= 97:
            state.fg = PALETTE[code - 90 + 8]
        elif 100 <= code <= 107:
            state.bg = PALETTE[code - 100 + 8]
        elif code in (38, 48) and i + 1 < len(codes):
            if codes[i + 1] == 5 and i + 2 < len(codes):
                value = colour(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                value = tuple(codes[i + 2:i + 5])
                i += 4
            else:
                value = None
            if code == 38:
                state.fg = value
            else:
                state.bg = value
        i += 1


# ---------------------------------------------------------------- drawing

# Box-drawing characters as the sides of the cell their lines reach: left, right, up, down.
BOX = {
    "─": "lr", "│": "ud", "┌": "rd", "┐": "ld", "└": "ru", "┘": "lu", "├": "rud", "┤": "lud",
    "┬": "lrd", "┴": "lru", "┼": "lrud", "╴": "l", "╶": "r", "╵": "u", "╷": "d",
}


class Fonts:
    def __init__(self):
        self.regular = ImageFont.truetype(f"{FONT_DIR}/DejaVuSansMono.ttf", FONT_SIZE)
        self.bold = ImageFont.truetype(f"{FONT_DIR}/DejaVuSansMono-Bold.ttf", FONT_SIZE)
        # For the few marks the monospaced font lacks.
        self.fallback = ImageFont.truetype(f"{FONT_DIR}/DejaVuSans.ttf", FONT_SIZE)
        ascent, descent = self.regular.getmetrics()
        self.cell_width = round(self.regular.getlength("M"))
        self.cell_height = ascent + descent + 2
        self.baseline = ascent + 1
        self.missing = {font: self.glyph(font, "\U000F0000") for font in (self.regular, self.bold)}
        self.chosen = {}

    def glyph(self, font, char):
        image = Image.new("L", (self.cell_width * 2, self.cell_height))
        ImageDraw.Draw(image).text((0, 0), char, font=font, fill=255)
        return image.tobytes()

    def font_for(self, char, bold):
        """The monospaced font, or DejaVu Sans when the monospaced one has no glyph for `char`."""
        key = (char, bold)
        if key not in self.chosen:
            font = self.bold if bold else self.regular
            self.chosen[key] = self.fallback if self.glyph(font, char) == self.missing[font] else font
        return self.chosen[key]


def render(ansi, cursor, path, fonts):
    rows = parse(ansi)
    cw, ch = fonts.cell_width, fonts.cell_height
    image = Image.new("RGB", (WIDTH * cw + 2 * PADDING, HEIGHT * ch + 2 * PADDING), BACKGROUND)
    draw = ImageDraw.Draw(image)
    line = max(1, round(cw / 9))
    for y, row in enumerate(rows):
        for x, cell in enumerate(row):
            fg = cell.fg or FOREGROUND
            bg = cell.bg or BACKGROUND
            if cell.reverse:
                fg, bg = bg, fg
            if cell.dim:
                fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
            left, top = PADDING + x * cw, PADDING + y * ch
            if bg != BACKGROUND:
                draw.rectangle([left, top, left + cw - 1, top + ch - 1], fill=bg)
            if cell.char in BOX:
                sides = BOX[cell.char]
                cx, cy = left + cw // 2, top + ch // 2
                half = line // 2
                if "l" in sides:
                    draw.rectangle([left, cy - half, cx + half, cy - half + line - 1], fill=fg)
                if "r" in sides:
                    draw.rectangle([cx - half, cy - half, left + cw - 1, cy - half + line - 1], fill=fg)
                if "u" in sides:
                    draw.rectangle([cx - half, top, cx - half + line - 1, cy + half], fill=fg)
                if "d" in sides:
                    draw.rectangle([cx - half, cy - half, cx - half + line - 1, top + ch - 1], fill=fg)
            elif cell.char != " ":
                font = fonts.font_for(cell.char, cell.bold)
                draw.text((left, top + fonts.baseline), cell.char, font=font, fill=fg, anchor="ls")
            if cell.underline:
                draw.rectangle([left, top + ch - 2, left + cw - 1, top + ch - 2 + line - 1], fill=fg)
    if cursor:
        x, y = cursor
        left, top = PADDING + x * cw, PADDING + y * ch
        draw.rectangle([left, top + ch - 3, left + cw - 1, top + ch - 1], fill=FOREGROUND)
    image.save(path, optimize=True)


# ---------------------------------------------------------------- the shots

def take_over(pane):
    """A key hands control from autoplay to the person; then the notice goes away by itself."""
    pane.keys("x")
    pane.wait_for("the hand-over notice to go", lambda s: "you have control" not in s and "autoplay" not in s)


def enter_until(pane, condition, what, limit=20):
    """Presses Enter, one at a time (each once the screen or the cursor has reacted to the last),
    until the screen shows what is wanted."""
    for _ in range(limit):
        before = pane.state()
        if condition(before[0]):
            return
        pane.keys("Enter")
        pane.wait_for("the screen to react", lambda s: pane.state() != before or condition(s), timeout=60)
    pane.wait_for(what, condition, timeout=60)


def remote_type(pane):
    pane.wait_for_text("autoplay stopped at Remote type")
    take_over(pane)


def connection_preflight(pane):
    pane.wait_for_text("autoplay stopped at Connection")
    take_over(pane)
    enter_until(pane, lambda s: "Enter continue" in s and "✓" in s, "the preflight's result")


def api_key_request(pane):
    pane.wait_for_text("autoplay stopped at API key")
    take_over(pane)
    enter_until(pane, lambda s: "POST /_security/cross_cluster/api_key" in s and "Enter create the key" in s,
                "the key request")


def manifests(pane):
    pane.wait_for_text("autoplay stopped at Manifests")
    take_over(pane)


def rollout(pane):
    pane.wait_for_text("autoplay stopped at Manifests")
    take_over(pane)
    pane.keys("a")
    pane.wait_for_text("Applying and following the rollout", "phase ApplyingChanges")


def live_connected(pane):
    pane.wait_for_text("autoplay finished", "● CONNECTED")
    take_over(pane)
    pane.wait_for_text("● CONNECTED", "updated 0.")


def live_diagnosis(pane):
    pane.wait_for_text("autoplay finished", "○ NOT CONNECTED", "Fix:")
    take_over(pane)
    pane.wait_for_text("○ NOT CONNECTED", "Fix:", "updated 0.")


SHOTS = [
    ("01-remote-type", "--autoplay-until remote-type", remote_type),
    ("02-connection-preflight", "--autoplay-until connection", connection_preflight),
    ("03-api-key-request", "--autoplay-until api-key", api_key_request),
    ("04-manifests", "--autoplay-until manifests", manifests),
    ("05-rollout", "--autoplay-until manifests", rollout),
    ("06-live-connected", "", live_connected),
    ("07-live-diagnosis", "--fault wrong-port", live_diagnosis),
]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, out = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    fonts = Fonts()
    only = os.environ.get("SHOTS", "").split(",") if os.environ.get("SHOTS") else None
    for name, arguments, drive in SHOTS:
        if only and name not in only:
            continue
        work = tempfile.mkdtemp(prefix="rcw-shots-")
        environment = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color",
                       "XDG_STATE_HOME": f"{work}/state", "TMPDIR": f"{work}/tmp"}
        os.makedirs(f"{work}/tmp")
        pane = Pane(environment)
        try:
            pane.line("clear")
            pane.line(f"'{binary}' demo --autoplay --autoplay-delay 0 {arguments}")
            drive(pane)
            ansi, cursor = pane.capture()
            render(ansi, cursor, os.path.join(out, name + ".png"), fonts)
            print(f"{out}/{name}.png")
        finally:
            pane.close()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
