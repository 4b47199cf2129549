"""Fonts: the 公文 font names Word files ask for, and the font files PDF and charts embed.

A .docx never embeds fonts: it names them, and the recipient's Windows or WPS supplies
方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体_GB2312 (GB/T 9704-2012). PDF and chart output
must carry their glyphs, so they use the OFL-licensed Noto Sans SC and Noto Serif SC files
shipped by the ``pylopdf-fonts-zh-cn`` package: no system font package is needed.
"""

from __future__ import annotations

from pathlib import Path

from pylopdf_fonts_zh_cn import sans_path, serif_path

# Word (GB/T 9704-2012 7.2 – 7.3): East Asian font names, and the Latin font beside them.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

# Embedded fonts (PDF, charts), by family name as the font files declare it.
SANS_FAMILY = "Noto Sans SC"
SERIF_FAMILY = "Noto Serif SC"


def font_directory() -> Path:
    """The folder holding the Noto SC font files (typst's font_paths)."""
    return sans_path().parent


def sans_font_file() -> Path:
    return sans_path()


def serif_font_file() -> Path:
    return serif_path()
