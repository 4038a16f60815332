/**
 * The readers of what host probe scripts print: sections, `stat`, passwd and group lines, `ss`
 * and /proc/net, processes, `systemctl show`, package managers and HTTP answers.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { octal, parseStatLine, saysMissing } from "../../../lib/probes/host/file_probe.ts";
import { parseHttpAnswer } from "../../../lib/probes/host/http_probe.ts";
import { parsePackage } from "../../../lib/probes/host/package_probe.ts";
import { parseProcesses } from "../../../lib/probes/host/process_probe.ts";
import { parseShow } from "../../../lib/probes/host/service_probe.ts";
import { parseGroups, parsePasswd } from "../../../lib/probes/host/user_probe.ts";
import { parseSections } from "../../../lib/probes/host/_sections.ts";
import {
  hexAddress,
  parseComms,
  parseFdListing,
  parseProcNet,
  parseSs,
  sameAddress,
  splitAddress,
} from "../../../lib/probes/host/_sockets.ts";

const T = "@@rl-0123456789abcdef";

describe("parseSections()", () => {
  it("reads out, raw and bare sections exactly, dropping what comes before the first", () => {
    const stdout = `noise\n${T} stat 0\n81a0 0 0 5 root root` +
      `\n${T} content \nno final newline` +
      `\n${T} content.rc 0\n` +
      `\n${T} self 42\n`;
    const sections = parseSections(stdout, T);
    assert.deepEqual(Object.fromEntries(sections), {
      stat: { text: "81a0 0 0 5 root root", rc: 0 },
      content: { text: "no final newline", rc: 0 },
      self: { text: "", rc: 42 },
    });
  });

  it("keeps a file's own final newline and lines that look like markers of another token", () => {
    const stdout = `\n${T} content \na\n@@rl-other x 1\n\n\n${T} content.rc 1\n`;
    assert.deepEqual(parseSections(stdout, T).get("content"), {
      text: "a\n@@rl-other x 1\n\n",
      rc: 1,
    });
  });
});

describe("parseStatLine()", () => {
  const cases: Array<[string, string, ReturnType<typeof parseStatLine>]> = [
    ["a file of mode 0640", "81a0 0 1001 17 root staff", {
      type: "file",
      mode: 0o640,
      uid: 0,
      gid: 1001,
      size: 17,
      owner: "root",
      group: "staff",
    }],
    ["a setgid directory", "45f8 0 0 4096 root root", {
      type: "directory",
      mode: 0o2770,
      uid: 0,
      gid: 0,
      size: 4096,
      owner: "root",
      group: "root",
    }],
    ["a symlink", "A1FF 0 0 8 root root", {
      type: "symlink",
      mode: 0o777,
      uid: 0,
      gid: 0,
      size: 8,
      owner: "root",
      group: "root",
    }],
    ["an error message", "stat: cannot statx '/x': Permission denied", undefined],
  ];
  for (const [name, line, expected] of cases) {
    it(`reads ${name}`, () => assert.deepEqual(parseStatLine(line), expected));
  }

  it("prints modes with four digits and tells missing from unreadable", () => {
    assert.deepEqual([octal(0o640), octal(0o2770)], ["0640", "2770"]);
    assert.equal(saysMissing("stat: cannot statx '/x': No such file or directory"), true);
    assert.equal(saysMissing("stat: can't stat '/x/y': Not a directory"), true);
    assert.equal(saysMissing("stat: cannot statx '/x': Permission denied"), false);
  });
});

describe("parsePasswd() and parseGroups()", () => {
  it("read entries and skip malformed lines", () => {
    assert.deepEqual(parsePasswd("alice:x:1000:1000:Alice A:/home/alice:/bin/bash\nbad line\n"), [
      { name: "alice", uid: 1000, gid: 1000, home: "/home/alice", shell: "/bin/bash" },
    ]);
    assert.deepEqual(parseGroups("devs:x:2000:alice,bob\nempty:x:2001:\nbad"), [
      { name: "devs", gid: 2000, members: ["alice", "bob"] },
      { name: "empty", gid: 2001, members: [] },
    ]);
  });
});

describe("socket readers", () => {
  it("parseSs() reads addresses, ports and processes, with or without a header", () => {
    const text = [
      "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
      'LISTEN 0      511        127.0.0.1:8080      0.0.0.0:*    users:(("node",pid=12,fd=19))',
      "LISTEN 0      128             [::]:22           [::]:*",
      'UNCONN 0      0       127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=5,fd=13),("x y",pid=6,fd=1))',
    ].join("\n");
    assert.deepEqual(parseSs(text).map(({ line: _, ...l }) => l), [
      { address: "127.0.0.1", port: 8080, processes: ["node"] },
      { address: "::", port: 22, processes: undefined },
      { address: "127.0.0.53", port: 53, processes: ["systemd-resolve", "x y"] },
    ]);
    assert.deepEqual(splitAddress("*:80"), { address: "*", port: 80 });
    assert.equal(splitAddress("0.0.0.0:*"), undefined);
  });

  it("parseProcNet() reads listening sockets of IPv4 and IPv6, in host byte order", () => {
    const tcp = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1178 1 0",
      "   1: 0100007F:1F91 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 1179 1 0",
    ].join("\n");
    assert.deepEqual(parseProcNet(tcp, "0A").map(({ line: _, ...s }) => s), [
      { address: "127.0.0.1", port: 8080, inode: "1178" },
    ]);
    assert.equal(hexAddress("00000000000000000000000000000000"), "::");
    assert.equal(hexAddress("00000000000000000000000001000000"), "::1");
    assert.equal(hexAddress("0000000000000000FFFF00000100007F"), "::ffff:127.0.0.1");
    assert.equal(hexAddress("B80D0120000000000000000001000000"), "2001:db8::1");
    assert.equal(hexAddress("XYZ"), undefined);
  });

  it("parseFdListing() and parseComms() find the processes holding a socket", () => {
    const fds =
      "/proc/12/fd:\ntotal 0\nlrwx------ 1 root root 64 Dec 5 10:00 3 -> socket:[1178]\n" +
      "\n/proc/13/fd:\nlrwx------ 1 root root 64 Dec 5 10:00 0 -> /dev/null\n";
    assert.deepEqual(Object.fromEntries(parseFdListing(fds)), { "1178": [12] });
    assert.deepEqual(
      Object.fromEntries(parseComms("/proc/12/comm:python3\n/proc/13/comm:tmux: server\n")),
      {
        12: "python3",
        13: "tmux: server",
      },
    );
  });

  it("sameAddress() takes * for either wildcard and a mapped IPv4 address for itself", () => {
    assert.equal(sameAddress("*", "0.0.0.0"), true);
    assert.equal(sameAddress("*", "::"), true);
    assert.equal(sameAddress("::ffff:127.0.0.1", "127.0.0.1"), true);
    assert.equal(sameAddress("0.0.0.0", "::"), false);
    assert.equal(sameAddress("127.0.0.1", "0.0.0.0"), false);
  });
});

describe("parseProcesses()", () => {
  it("joins status lines with command lines by pid; names may hold spaces", () => {
    const status = "1 0 0 init\n42 1 1000 tmux: server\nnot a line\n";
    const args = "    1 /sbin/init splash\n   42 tmux new -s x\n";
    assert.deepEqual(parseProcesses(status, args), [
      { pid: 1, ppid: 0, uid: 0, name: "init", args: "/sbin/init splash" },
      { pid: 42, ppid: 1, uid: 1000, name: "tmux: server", args: "tmux new -s x" },
    ]);
  });
});

describe("parseShow() and parsePackage()", () => {
  it("parseShow() reads systemctl's properties", () => {
    assert.deepEqual(parseShow("LoadState=loaded\nActiveState=active\nUnitFileState=\n"), {
      LoadState: "loaded",
      ActiveState: "active",
      UnitFileState: "",
    });
  });

  const cases: Array<[string, string, number, string, string[] | undefined]> = [
    ["dpkg, installed", "dpkg", 0, "install ok installed\t7.88.1-10\n", ["7.88.1-10"]],
    ["dpkg, removed with its config left", "dpkg", 0, "deinstall ok config-files\t1.0\n", []],
    ["dpkg, unknown", "dpkg", 1, "dpkg-query: no packages found matching x", []],
    ["dpkg, a broken database", "dpkg", 2, "dpkg-query: error: parsing file", undefined],
    ["apk, installed", "apk", 0, "1.36.1-r5\n", ["1.36.1-r5"]],
    ["apk, not installed", "apk", 0, "", []],
    ["rpm, two versions", "rpm", 0, "5.14-1\n5.15-1\n", ["5.14-1", "5.15-1"]],
    ["rpm, not installed", "rpm", 1, "package x is not installed\n", []],
  ];
  for (const [name, manager, rc, text, versions] of cases) {
    it(`parsePackage() reads ${name}`, () => {
      assert.deepEqual(parsePackage(manager, rc, text)?.versions, versions);
    });
  }
});

describe("parseHttpAnswer()", () => {
  it("reads curl -i output, skipping a 100 Continue block", () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nA: b\r\n\r\n{"ok":true}';
    assert.deepEqual(parseHttpAnswer("curl", text), {
      statusLine: "HTTP/1.1 201 Created",
      status: 201,
      body: '{"ok":true}',
    });
    assert.equal(parseHttpAnswer("curl", ""), undefined);
  });

  it("reads wget -S headers followed by the body", () => {
    const text = "  HTTP/1.1 200 OK\n  Content-Type: text/plain\n  Connection: close\nhello\n";
    assert.deepEqual(parseHttpAnswer("wget", text), {
      statusLine: "HTTP/1.1 200 OK",
      status: 200,
      body: "hello\n",
    });
  });
});
