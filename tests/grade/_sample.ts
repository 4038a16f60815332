/**
 * A small grade report for the export tests: a full-marks student, a partial one whose id and
 * messages need escaping, and one that could not be graded.
 * @module
 */
import type { CheckOutcome } from "../../lib/engine/events.ts";
import { gradedHost, type GradeReport, gradeReport, ungradedHost } from "../../lib/grade/report.ts";
import type { Check } from "../../lib/lesson/types.ts";

const CHECKS: Check[] = [
  {
    id: "net",
    title: "the network exists",
    points: 1,
    hint: "docker network create",
    probe: { kind: "docker.network" },
  },
  {
    id: "app",
    title: "app & db on <app-net>",
    points: 3,
    hint: 'use --network "app-net"',
    probe: { kind: "docker.attached" },
  },
  {
    id: "dns",
    title: "db resolves",
    points: 2,
    hint: "name the container db",
    probe: { kind: "docker.resolves" },
  },
];

function outcomes(statuses: Array<[CheckOutcome["status"], number, string?]>): CheckOutcome[] {
  return statuses.map(([status, points, message], i) => ({
    id: CHECKS[i].id,
    title: CHECKS[i].title,
    status,
    points,
    maxPoints: CHECKS[i].points ?? 1,
    hint: CHECKS[i].hint,
    evidence: "$ docker network inspect app-net",
    message,
    durationMs: 250,
    attempts: 1,
  }));
}

/** The sample report. */
export function sampleReport(): GradeReport {
  const started = { at: new Date("2026-11-28T09:00:00Z"), ms: performance.now() };
  const host = (id: string) => ({ id, host: `${id}.lab.example`, port: 22, user: "student" });
  return gradeReport(
    { id: "demo-lesson", title: "Demo <lesson>" },
    CHECKS.map((c) => ({ id: c.id, title: c.title, maxPoints: c.points ?? 1 })),
    // Each host's time is fixed: building them may take over 50 ms on a loaded machine, which
    // would show as 0.1 s where the tests expect 0.0 s.
    [
      gradedHost(host("ada"), outcomes([["pass", 1], ["pass", 3], ["pass", 2]]), started, false),
      gradedHost(
        host('=bob, "the" <builder>'),
        outcomes([["pass", 1], ["fail", 2, '1 of 3 parts pass: no container named "db"'], [
          "error",
          0,
          "probe failed: socket hang up",
        ]]),
        started,
        false,
      ),
      ungradedHost(host("cy"), CHECKS, "unreachable", "Cannot connect: ETIMEDOUT", started),
    ].map((result) => ({ ...result, durationMs: 0 })),
  );
}
