#!/usr/bin/python3
"""Prints every example command of the documentation, one JSON object a
line: {"doc": ..., "cmd": ...}.  README.md: the lines of its ```sh blocks;
each man page: the lines of its EXAMPLES section as mandoc -T utf8 shows
them that start with "$ " (file contents and output are not commands), with
the lines that continue them (while bash finds the command incomplete or it
ends with | or \\).  Read from the documents, so tests and documents cannot
drift apart.

usage: doc_examples.py ROOT"""
import glob
import json
import os
import re
import subprocess
import sys


def incomplete(cmd):
    if re.search(r"(\||\\|&&|\|\|)\s*$", cmd):
        return True
    r = subprocess.run(["bash", "-n", "-c", cmd], capture_output=True, text=True)
    return "unexpected end of file" in r.stderr or "unexpected EOF" in r.stderr


def man_examples(path):
    text = subprocess.run(["mandoc", "-T", "utf8", path], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r".\x08", "", text)                       # overstrike: bold, underline
    lines, section, out = text.splitlines(), None, []
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^[A-Z][A-Z ]*$", line):
            section = line.strip()
        elif section == "EXAMPLES" and line.strip().startswith("$ "):
            cmd = line.strip()[2:]
            while incomplete(cmd) and i + 1 < len(lines) and lines[i + 1].strip() \
                    and not lines[i + 1].strip().startswith("$ "):
                i += 1
                cmd += "\n" + lines[i].strip()
            out.append(cmd)
        i += 1
    return out


def readme_examples(path):
    out, block = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("```"):
            block = line[3:].strip() if block is None else None
        elif block == "sh" and line.strip() and not line.startswith(" "):
            out.append(line)
    return out


def main():
    root = sys.argv[1]
    docs = [("README.md", readme_examples(os.path.join(root, "README.md")))]
    for page in sorted(glob.glob(os.path.join(root, "man/man*/*.[0-9]"))):
        docs.append((os.path.relpath(page, root), man_examples(page)))
    for doc, cmds in docs:
        for cmd in cmds:
            print(json.dumps({"doc": doc, "cmd": cmd}, ensure_ascii=False))


if __name__ == "__main__":
    main()
