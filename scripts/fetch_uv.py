"""Install the uv binary from its PyPI wheel using only the standard library.

Used when the machine's Python has no venv/pip (Debian without python3-venv).
The wheel is an ordinary zip file; the binary sits in its ``*.data/scripts`` folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import stat
import sys
import urllib.parse
import urllib.request
import zipfile

INDEX = os.environ.get("UV_BOOTSTRAP_JSON", "https://pypi.org/pypi/uv/json")


def wheel_tag_matches(filename: str) -> bool:
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return "manylinux" in filename and arch in filename and filename.endswith(".whl")


def main(target_dir: str) -> int:
    try:
        with urllib.request.urlopen(INDEX, timeout=60) as response:
            release = json.load(response)
        urls = [u for u in release["urls"] if wheel_tag_matches(u["filename"])]
        if not urls:
            print("找不到适用于本机的 uv 安装包，请手动安装 uv 后重试。", file=sys.stderr)
            return 2
        # Mirrors answer with relative links; resolve them against the index address.
        with urllib.request.urlopen(urllib.parse.urljoin(INDEX, urls[0]["url"]), timeout=300) as r:
            payload = r.read()
    except (OSError, ValueError, KeyError) as error:
        print(f"下载 uv 失败（{error}）：请检查网络或手动安装 uv 后重试。", file=sys.stderr)
        return 2
    expected = urls[0].get("digests", {}).get("sha256")
    if expected and hashlib.sha256(payload).hexdigest() != expected:
        print("下载的 uv 安装包校验失败：请重试，或手动安装 uv。", file=sys.stderr)
        return 2
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
