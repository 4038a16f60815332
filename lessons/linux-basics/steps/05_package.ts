import type { Step } from "../../../lib/mod.ts";

export default {
  id: "package",
  title: "Build a package and install it with dpkg",
  commands: [
    { run: "mkdir -p ~/pkg/lab-hello/DEBIAN ~/pkg/lab-hello/usr/bin && cd ~/pkg" },
    {
      run:
        "printf '%s\\n' 'Package: lab-hello' 'Version: 1.0' 'Architecture: all' \\\n  'Maintainer: Lab <lab@example.org>' 'Description: prints a greeting' \\\n  > lab-hello/DEBIAN/control",
    },
    {
      run:
        "printf '#!/bin/sh\\necho \"hello from lab-hello 1.0\"\\n' > lab-hello/usr/bin/lab-hello\nchmod 0755 lab-hello/usr/bin/lab-hello",
    },
    {
      run: "dpkg-deb --build --root-owner-group lab-hello",
      stdout: "dpkg-deb: building package 'lab-hello' in 'lab-hello.deb'.",
    },
    {
      run: "dpkg -i lab-hello.deb",
      stdout: [
        "Selecting previously unselected package lab-hello.",
        "(Reading database ... {{int}} files and directories currently installed.)",
        "Preparing to unpack lab-hello.deb ...",
        "Unpacking lab-hello (1.0) ...",
        "Setting up lab-hello (1.0) ...",
      ].join("\n"),
    },
    { run: "dpkg-query -W lab-hello", stdout: "lab-hello\t1.0" },
    { run: "dpkg -L lab-hello", stdout: "/.\n/usr\n/usr/bin\n/usr/bin/lab-hello" },
    { run: "lab-hello", stdout: "hello from lab-hello 1.0" },
    { run: "cd ~" },
  ],
  checks: [
    {
      id: "package-installed",
      title: "the package lab-hello 1.0 is installed",
      points: 2,
      hint: "Build it with dpkg-deb --build lab-hello, then install it with dpkg -i lab-hello.deb.",
      probe: { kind: "package", name: "lab-hello", version: "1.0" },
    },
    {
      id: "lab-hello-runs",
      title: "the lab-hello command prints its greeting",
      hint:
        "The package's usr/bin/lab-hello must be executable (chmod 0755) before dpkg-deb --build.",
      probe: { kind: "command", run: "lab-hello", stdout: "hello from lab-hello 1.0" },
    },
  ],
} satisfies Step;
