/**
 * Grading a simulated class on the linux-basics lesson: each student host is a Debian machine
 * with its own sshd (no engine), in a known state of the lesson, plus a host that does not
 * answer. Every host's status and score and every check's status and points are asserted
 * exactly, and grading must leave every host as it found it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { GradeReport } from "../../lib/grade/report.ts";
import { cli } from "../_cli.ts";
import { LINUX_HOST, type SimulatedClass, startClass } from "./_class.ts";

const LESSON = "linux-basics";

// What the learners typed, step by step (the lesson's commands, some with a mistake).
const USERS = "groupadd devs && useradd -m -s /bin/bash -G devs alice && " +
  "useradd -m -s /bin/bash -G devs bob && useradd -m -s /bin/bash carol";
const FOLDER = "mkdir /srv/project && chgrp devs /srv/project && chmod 2770 /srv/project && " +
  "su alice -c 'touch /srv/project/notes.txt'";
const TOKEN = (mode: string) =>
  "mkdir /etc/webapp && echo 'token=lab-secret' > /etc/webapp/token && " +
  `chown root:devs /etc/webapp/token && chmod ${mode} /etc/webapp/token`;
const SERVICE = (asUser: string) =>
  "useradd --system --no-create-home --shell /usr/sbin/nologin webapp && mkdir /srv/www && " +
  "echo 'hello from webapp' > /srv/www/index.html && " +
  `(setsid nohup ${asUser}python3 -m http.server 8080 --bind 127.0.0.1 --directory /srv/www ` +
  ">/var/log/webapp.log 2>&1 </dev/null &) && " +
  "curl -s -o /dev/null --retry 10 --retry-connrefused --retry-delay 1 http://127.0.0.1:8080/";
const PACKAGE = "mkdir -p ~/pkg/lab-hello/DEBIAN ~/pkg/lab-hello/usr/bin && cd ~/pkg && " +
  "printf '%s\\n' 'Package: lab-hello' 'Version: 1.0' 'Architecture: all' " +
  "'Maintainer: Lab <lab@example.org>' 'Description: prints a greeting' " +
  "> lab-hello/DEBIAN/control && " +
  "printf '#!/bin/sh\\necho \"hello from lab-hello 1.0\"\\n' > lab-hello/usr/bin/lab-hello && " +
  "chmod 0755 lab-hello/usr/bin/lab-hello && dpkg-deb --build --root-owner-group lab-hello && " +
  "dpkg -i lab-hello.deb";
const AS_WEBAPP = "runuser -u webapp -- ";

const STATES: Record<string, string[]> = {
  // The first two steps only.
  partial: [USERS, FOLDER],
  // The token file is readable by everyone (0644).
  "wrong-mode": [USERS, FOLDER, TOKEN("0644"), SERVICE(AS_WEBAPP), PACKAGE],
  // bob was never added.
  "missing-user": [
    USERS.replace(" && useradd -m -s /bin/bash -G devs bob", ""),
    FOLDER,
    TOKEN("0640"),
    SERVICE(AS_WEBAPP),
    PACKAGE,
  ],
  // The server was started as root: it listens and serves, but not as webapp.
  "service-as-root": [USERS, FOLDER, TOKEN("0640"), SERVICE(""), PACKAGE],
};

const CHECK_IDS = [
  "group-devs",
  "user-alice",
  "user-bob",
  "user-carol",
  "project-folder",
  "notes-group",
  "token-file",
  "carol-kept-out",
  "user-webapp",
  "service-runs",
  "port-8080",
  "page-served",
  "package-installed",
  "lab-hello-runs",
  "find-devs",
];

const MAX_POINTS: Record<string, number> = {
  "group-devs": 2,
  "user-alice": 1,
  "user-bob": 1,
  "user-carol": 1,
  "project-folder": 2,
  "notes-group": 1,
  "token-file": 2,
  "carol-kept-out": 1,
  "user-webapp": 1,
  "service-runs": 2,
  "port-8080": 1,
  "page-served": 1,
  "package-installed": 2,
  "lab-hello-runs": 1,
  "find-devs": 1,
};

/** The checks of the first two steps. */
const FIRST_STEPS = CHECK_IDS.slice(0, 6);

/** Each host's expected status, score, and the checks that must fail (the rest pass). */
const EXPECTED: Record<string, { status: string; score: number; failing: string[] }> = {
  complete: { status: "graded", score: 20, failing: [] },
  partial: {
    status: "graded",
    score: 8,
    failing: CHECK_IDS.filter((id) => !FIRST_STEPS.includes(id)),
  },
  "wrong-mode": { status: "graded", score: 17, failing: ["token-file", "carol-kept-out"] },
  "missing-user": { status: "graded", score: 17, failing: ["group-devs", "user-bob"] },
  "service-as-root": { status: "graded", score: 18, failing: ["service-runs"] },
  unreachable: { status: "unreachable", score: 0, failing: CHECK_IDS },
};

/** What grading must not change on a host: accounts, the lesson's files, packages, processes. */
const SNAPSHOT = [
  "cat /etc/passwd /etc/group /etc/shadow",
  "for p in /srv/project /srv/project/notes.txt /etc/webapp/token /srv/www/index.html; do " +
  "stat -c '%a %U:%G %s %Y %n' $p 2>&1; done",
  "dpkg-query -W | md5sum",
  "ps -e -o user=,args= | awk '$2 !~ /^(ps|sh|sort|awk|\\/usr\\/sbin\\/sshd|sshd:)/' | sort",
  // Nothing written where a probe could write, since the marker was made.
  "find /etc /srv /home /root /tmp /var/tmp /usr -xdev -newer /tmp/.before-grading " +
  "-not -path /tmp/.before-grading",
].join("; ");

describe("run-lesson grade linux-basics on a simulated class", { timeout: 900_000 }, () => {
  let klass: SimulatedClass;
  let dir: string;
  let inventory: string;
  const before_: Record<string, string> = {};

  before(async () => {
    klass = await startClass(
      ["complete", ...Object.keys(STATES)].map((id) => ({ id, images: [] })),
      LINUX_HOST,
    );
    dir = await mkdtemp(join(tmpdir(), "rl-grade-linux-"));
    const m = (id: string) => klass.machines.get(id)!;
    // The complete host: the learner followed the whole lesson (run over SSH).
    const kh = join(dir, "complete.known_hosts");
    await writeFile(kh, `[127.0.0.1]:${m("complete").port} ${m("complete").hostKey}\n`);
    const [lesson] = await Promise.all([
      cli(
        "run",
        LESSON,
        "--offline",
        "--target",
        `ssh://root@127.0.0.1:${m("complete").port}`,
        "--identity",
        klass.keyPath,
        "--known-hosts",
        kh,
      ),
      ...Object.entries(STATES).map(([id, commands]) => klass.sh(id, commands.join(" && "))),
    ]);
    assert.equal(lesson.code, 0, lesson.out + lesson.err);
    for (const id of klass.machines.keys()) {
      await klass.sh(id, "touch /tmp/.before-grading && sleep 1");
      before_[id] = await klass.sh(id, SNAPSHOT);
    }
    const row = (id: string, port: number, key: string) =>
      `${id},127.0.0.1,${port},root,${klass.keyPath},${key}`;
    inventory = join(dir, "class.csv");
    await writeFile(
      inventory,
      [
        "id,host,port,user,identity_file,host_key",
        ...["complete", ...Object.keys(STATES)].map((id) => row(id, m(id).port, m(id).hostKey)),
        row("unreachable", klass.closedPort, ""),
        "",
      ].join("\n"),
    );
  });

  after(async () => {
    await klass?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("grades every host and every check exactly, and changes nothing on any host", async () => {
    const out = join(dir, "grades");
    const r = await cli(
      "grade",
      LESSON,
      "--hosts",
      inventory,
      "--out",
      out,
      "--jobs",
      "6",
      "--known-hosts",
      join(dir, "none"),
    );
    assert.equal(r.code, 1, r.out + r.err); // the unreachable host could not be graded
    const report: GradeReport = JSON.parse(readFileSync(join(out, "grades.json"), "utf8"));
    assert.deepEqual(report.checks.map((c) => [c.id, c.maxPoints]), Object.entries(MAX_POINTS));
    assert.equal(report.maxScore, 20);
    assert.deepEqual(report.hosts.map((h) => h.id), Object.keys(EXPECTED));
    for (const host of report.hosts) {
      const e = EXPECTED[host.id];
      assert.equal(host.status, e.status, `${host.id}: ${host.reason ?? ""}`);
      const failStatus = e.status === "unreachable" ? "unreachable" : "fail";
      assert.deepEqual(
        host.checks.map((c) => [c.id, c.status, c.points]),
        CHECK_IDS.map((id) =>
          e.failing.includes(id) ? [id, failStatus, 0] : [id, "pass", MAX_POINTS[id]]
        ),
        `${host.id}: ${JSON.stringify(host.checks.map((c) => [c.id, c.message]))}`,
      );
      assert.equal(host.score, e.score, host.id);
      for (const c of host.checks) {
        if (c.status === "pass") continue;
        // Feedback: a reason and the learner's hint, never the probes' evidence.
        assert.ok(c.message && c.hint, `${host.id}/${c.id} lacks a message or hint`);
        assert.equal(c.evidence, undefined);
      }
    }
    // The negative check fails on a host without the file, and its command stays hidden.
    const partial = report.hosts.find((h) => h.id === "partial")!;
    assert.equal(
      partial.checks.find((c) => c.id === "carol-kept-out")!.message,
      'command "…": stderr: expected "cat: /etc/webapp/token: Permission denied", got ' +
        '"cat: /etc/webapp/token: No such file or directory"',
    );
    assert.match(report.hosts.find((h) => h.id === "unreachable")!.reason!, /ECONNREFUSED/);
    assert.deepEqual(report.summary, {
      hosts: 6,
      graded: 5,
      notGraded: 1,
      fullMarks: 1,
      meanScore: 13.33,
    });
    assert.match(r.out, /5\/6 hosts graded, 1 with full marks, mean 13\.33\/20/);

    // Read-only: every host holds exactly what it held.
    for (const id of klass.machines.keys()) {
      assert.equal(await klass.sh(id, SNAPSHOT), before_[id], `${id} changed`);
    }
  });
});
