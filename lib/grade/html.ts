/**
 * The class report as one self-contained HTML file: a students-by-checks grid with each
 * student's feedback (hints, never the grader's commands). No external resources; a small
 * script opens the feedback of the student named in the address (`report.html#student=ID`).
 * @module
 */
import { xmlEscape as esc } from "../format/xml.ts";
import type { GradedCheck, GradeReport, HostResult } from "./report.ts";

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.summary { color: #57606a; margin-bottom: 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: center; }
th.check { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 14rem; font-weight: normal; }
td.student { text-align: left; white-space: nowrap; }
td.pass { background: #dafbe1; }
td.partial { background: #fff8c5; }
td.fail { background: #ffebe9; }
td.error, td.timeout, td.unreachable, td.skipped { background: #eaeef2; color: #57606a; }
tr.not-graded td.student::after { content: " ⚠"; }
tr.selected td { outline: 2px solid #0969da; }
tfoot td { color: #57606a; }
details { margin: .5rem 0; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1rem; }
details[open] { border-color: #0969da; }
summary { cursor: pointer; font-weight: 600; }
.hint { color: #0a3069; }
.message { color: #57606a; }
`;

const SCRIPT = `
(function () {
  function show() {
    var m = /^#student=(.+)$/.exec(location.hash);
    if (!m) return;
    var id = decodeURIComponent(m[1]);
    document.querySelectorAll("details.feedback").forEach(function (d) {
      d.open = d.dataset.student === id;
    });
    document.querySelectorAll("tbody tr").forEach(function (tr) {
      tr.classList.toggle("selected", tr.dataset.student === id);
    });
    var target = document.querySelector('details.feedback[open]');
    if (target) {
      target.scrollIntoView();
      document.title = "Feedback for " + id;
    }
  }
  window.addEventListener("hashchange", show);
  show();
})();
`;

/** Renders the report as a self-contained HTML page. */
export function toHtml(report: GradeReport): string {
  const { summary } = report;
  const head = report.checks.map((c) =>
    `<th class="check" title="${esc(c.title)}">${esc(c.title)} (${c.maxPoints})</th>`
  ).join("");
  const rows = report.hosts.map((host) => _row(report, host)).join("\n");
  const rates = report.checks.map((c) => {
    const passed = report.hosts.filter((h) =>
      h.checks.some((x) => x.id === c.id && x.status === "pass")
    ).length;
    return `<td>${
      report.hosts.length === 0 ? 0 : Math.round(100 * passed / report.hosts.length)
    }%</td>`;
  }).join("");
  const feedback = report.hosts.map(_feedback).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.lesson.title)}: class report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(report.lesson.title)}</h1>
<p class="summary" id="summary">${summary.hosts} students · ${summary.graded} graded · ${summary.notGraded} not graded · ${summary.fullMarks} with full marks · mean ${summary.meanScore}/${report.maxScore}${
    report.shards ? ` · shards ${esc(report.shards.join(", "))}` : ""
  } · ${esc(report.createdAt)}</p>
<table id="grid">
<thead><tr><th>student</th><th>score</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td class="student">passed by</td><td></td>${rates}</tr></tfoot>
</table>
<h2>Feedback</h2>
${feedback}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function _row(report: GradeReport, host: HostResult): string {
  const byId = new Map(host.checks.map((c) => [c.id, c]));
  const cells = report.checks.map((column) => {
    const c = byId.get(column.id);
    if (!c) return `<td class="error" title="missing">–</td>`;
    const kind = _kind(c);
    return `<td class="${kind}" data-check="${esc(c.id)}" title="${
      esc(`${c.title}: ${c.status}`)
    }">${c.points}</td>`;
  }).join("");
  const graded = host.status === "graded";
  return `<tr data-student="${esc(host.id)}" data-status="${host.status}"${
    graded ? "" : ` class="not-graded"`
  }><td class="student"><a href="#student=${encodeURIComponent(host.id)}">${
    esc(host.id)
  }</a></td><td class="score">${
    graded ? `${host.score}/${host.maxScore}` : esc(host.status)
  }</td>${cells}</tr>`;
}

function _feedback(host: HostResult): string {
  const items = host.checks.filter((c) => c.status !== "pass").map((c) =>
    `<li data-check="${esc(c.id)}"><strong>${
      esc(c.title)
    }</strong> (${c.points}/${c.maxPoints}, ${c.status})<br><span class="message">${
      esc(c.message ?? "")
    }</span><br><span class="hint">Hint: ${esc(c.hint ?? "")}</span></li>`
  ).join("\n");
  const top = host.status === "graded"
    ? `<p>${host.score}/${host.maxScore} points.</p>`
    : `<p><strong>Not graded (${host.status}):</strong> ${esc(host.reason ?? "")}</p>`;
  return `<details class="feedback" data-student="${esc(host.id)}" id="student-${esc(host.id)}">
<summary>${esc(host.id)}: ${host.score}/${host.maxScore}</summary>
${top}
${items === "" ? "<p>Every check passed.</p>" : `<ul>\n${items}\n</ul>`}
</details>`;
}

function _kind(c: GradedCheck): string {
  if (c.status === "pass") return "pass";
  if (c.status === "fail" && c.points > 0) return "partial";
  return c.status;
}
