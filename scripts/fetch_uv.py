"""Install the uv binary from its PyPI wheel using only the standard library.

Used when the machine's Python has no venv/pip (Debian without python3-venv).
The wheel is an ordinary zip file; the binary sits in its ``*.data/scripts`` folder.
"""

from __future__ import annotations

import io
import json
import os
import platform
import stat
import sys
import urllib.request
import zipfile

INDEX = os.environ.get("UV_BOOTSTRAP_JSON", "https://pypi.org/pypi/uv/json")


def wheel_tag_matches(filename: str) -> bool:
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return "manylinux" in filename and arch in filename and filename.endswith(".whl")


def main(target_dir: str) -> int:
    with urllib.request.urlopen(INDEX, timeout=60) as response:
        release = json.load(response)
    urls = [u for u in release["urls"] if wheel_tag_matches(u["filename"])]
    if not urls:
        print("找不到适用于本机的 uv 安装包，请手动安装 uv 后重试。", file=sys.stderr)
        return 2
    with urllib.request.urlopen(urls[0]["url"], timeout=300) as response:
        payload = response.read()
    os.makedirs(target_dir, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(payload)) as wheel:
        member = next(n for n in wheel.namelist() if n.endswith("/scripts/uv"))
        target = os.path.join(target_dir, "uv")
        with open(target, "wb") as out:
            out.write(wheel.read(member))
    os.chmod(target, os.stat(target).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
