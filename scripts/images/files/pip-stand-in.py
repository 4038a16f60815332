#!/usr/bin/python3
"""run-lesson stand-in for pip and uv in an image built offline from Debian packages.

What this image carries is installed already (from Debian, at Debian's versions) and no package
index can be reached, so `pip install ...` and `uv pip install ...` succeed when every requirement
names an installed distribution, and fail, naming the others, when one does not. Invoked as pip,
pip3 or uv (by its name).
"""

import importlib.metadata
import os
import re
import sys

# Names a requirements file may use for what Debian ships under another name, and the tools
# themselves (`pip install uv` in a Dockerfile).
ALIASES = {"psycopg2-binary": "psycopg2", "uvicorn-standard": "uvicorn"}
TOOLS = {"pip", "uv", "setuptools", "wheel"}
# Options that take a value (pip's and uv's), so the value is not read as a requirement.
VALUED = {
    "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
    "-t", "--target", "--prefix", "--root", "--python", "-p", "-f", "--find-links",
    "--cache-dir", "--src", "--platform", "--python-version", "--implementation", "--abi",
    "--progress-bar", "--trusted-host", "--proxy", "--timeout", "--retries", "--log",
}


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def installed():
    found = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[normalise(name)] = (name, dist.version)
    return found


def read_requirements(path, seen=None):
    seen = seen or set()
    real = os.path.realpath(path)
    if real in seen:
        return []
    seen.add(real)
    specs = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith(("-r ", "--requirement ", "-c ", "--constraint ")):
                nested = line.split(None, 1)[1]
                specs += read_requirements(os.path.join(os.path.dirname(path), nested), seen)
            elif not line.startswith("-"):
                specs.append(line)
    return specs


def requirement_name(spec):
    spec = spec.split(";", 1)[0].strip()
    m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[([^\]]*)\])?", spec)
    if not m:
        return None
    name = normalise(m.group(1))
    if m.group(3) and name == "uvicorn":
        return "uvicorn"
    return ALIASES.get(name, name)


def install(args, tool):
    specs = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-r", "--requirement"):
            specs += read_requirements(args[i + 1])
            i += 2
            continue
        if arg.startswith("--requirement="):
            specs += read_requirements(arg.split("=", 1)[1])
        elif arg in VALUED:
            i += 1
        elif not arg.startswith("-"):
            specs.append(arg)
        i += 1
    if not specs:
        print(f"{tool}: stand-in: nothing to install (no requirements given)", file=sys.stderr)
        return 1
    have = installed()
    missing = []
    for spec in specs:
        name = requirement_name(spec)
        if name in TOOLS:
            print(f"stand-in: {spec}: provided as an offline stub")
        elif name in have:
            dist, version = have[name]
            print(f"stand-in: {spec}: {dist} {version} from Debian, already installed")
        else:
            missing.append(spec)
    if missing:
        carried = " ".join(sorted(v[0] for v in have.values()))
        for spec in missing:
            print(
                f'error: Cannot install "{spec}": this offline stand-in image reaches no package'
                f" index and carries only Debian's packages: {carried}",
                file=sys.stderr,
            )
        return 1
    print(f"stand-in: {len(specs)} requirement(s) satisfied, nothing downloaded")
    return 0


def listing(freeze):
    for _, (name, version) in sorted(installed().items()):
        print(f"{name}=={version}" if freeze else f"{name:<30} {version}")
    return 0


def main(argv):
    tool = os.path.basename(argv[0])
    args = argv[1:]
    if tool == "uv":
        if args[:1] in (["--version"], ["-V"], ["version"]):
            print("uv 0.0.0 (run-lesson offline stand-in)")
            return 0
        if args[:1] != ["pip"]:
            print("uv: this offline stand-in supports `uv pip install|list|freeze` only",
                  file=sys.stderr)
            return 2
        args = args[1:]
    if args[:1] in (["--version"], ["-V"]):
        py = ".".join(map(str, sys.version_info[:3]))
        print(f"pip 0.0.0 (run-lesson offline stand-in) (python {py})")
        return 0
    command, rest = (args[0], args[1:]) if args else ("", [])
    if command == "install":
        return install(rest, tool)
    if command in ("list", "freeze"):
        return listing(command == "freeze")
    print(f"{tool}: this offline stand-in supports install, list and freeze only", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
