"""Draws the program's icon: resources/icons/app.png (256 px) and app.ico (16-256 px).

Run once with Pillow (``python build_scripts/make_icon.py``); the files are committed, so a
build never needs Pillow. A plain figure and a tick on the federation's blue: readable at
16 px in a task bar, no text (no font to depend on).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 256
BLUE = (21, 101, 192, 255)
WHITE = (255, 255, 255, 255)
GREEN = (102, 187, 106, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    """The icon at ``size`` pixels, drawn at 4x and scaled down for smooth edges."""
    big = size * 4
    unit = big / 256
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8 * unit, 8 * unit, 248 * unit, 248 * unit), 48 * unit, fill=BLUE)
    # A person: head and shoulders.
    pen.ellipse((84 * unit, 44 * unit, 148 * unit, 108 * unit), fill=WHITE)
    pen.pieslice((52 * unit, 118 * unit, 180 * unit, 246 * unit), 180, 360, fill=WHITE)
    pen.rectangle((52 * unit, 181 * unit, 180 * unit, 206 * unit), fill=WHITE)
    # A tick in a green disc: the record is entered.
    pen.ellipse(
        (150 * unit, 128 * unit, 238 * unit, 216 * unit),
        fill=GREEN,
        outline=WHITE,
        width=int(8 * unit),
    )
    pen.line(
        [(170 * unit, 172 * unit), (188 * unit, 190 * unit), (218 * unit, 154 * unit)],
        fill=WHITE,
        width=int(12 * unit),
        joint="curve",
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write app.png and app.ico (never over icons someone else drew)."""
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    for name in ("app.png", "app.ico"):
        if (ICONS / name).exists():
            print(f"{name} exists; left as it is")
            continue
        if name == "app.png":
            image.save(ICONS / name)
        else:
            image.save(ICONS / name, sizes=ICO_SIZES)
        print(f"wrote {ICONS / name}")


if __name__ == "__main__":
    main()
