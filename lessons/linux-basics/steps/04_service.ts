import type { Step } from "../../../lib/mod.ts";

const START = "env -i PATH=/usr/sbin:/usr/bin setsid runuser -u webapp";
const SERVER = "python3 -m http.server 8080 --bind 127.0.0.1 --directory /srv/www";

export default {
  id: "service",
  title: "A small web service under its own user",
  commands: [
    // A system user: no home, no login shell; it exists only to run the service.
    { run: "useradd --system --no-create-home --shell /usr/sbin/nologin webapp" },
    { run: "mkdir /srv/www && echo 'hello from webapp' > /srv/www/index.html" },
    {
      // env -i: nothing of this shell's environment reaches the service; setsid: a session of
      // its own, so it keeps running after this shell (and its login) ends.
      run: `${START} -- ${SERVER} >/var/log/webapp.log 2>&1 </dev/null &`,
    },
    {
      // The server needs a moment to start: retry while the connection is refused.
      run: "curl -s --retry 10 --retry-connrefused --retry-delay 1 http://127.0.0.1:8080/",
      stdout: "hello from webapp",
      timeoutMs: 30_000,
    },
    {
      // Never ends by itself, like the doc's tail -f: stopped (^C) once the request shows.
      run: "tail -f /var/log/webapp.log",
      stop: { kind: "pattern", pattern: '127.0.0.1 - - [{{*}}] "GET / HTTP/1.1" 200 -' },
      stdout: '127.0.0.1 - - [{{*}}] "GET / HTTP/1.1" 200 -',
      timeoutMs: 10_000,
    },
  ],
  checks: [
    {
      id: "user-webapp",
      title: "the system user webapp exists and cannot log in",
      hint: "useradd --system --no-create-home --shell /usr/sbin/nologin webapp",
      probe: { kind: "user", name: "webapp", shell: "/usr/sbin/nologin" },
    },
    {
      id: "service-runs",
      title: "python3 -m http.server runs as webapp",
      points: 2,
      hint:
        `Start it in the background as webapp: ${START} -- ${SERVER} >/var/log/webapp.log 2>&1 </dev/null &`,
      probe: { kind: "process", match: "http\\.server 8080", user: "webapp", count: 1 },
    },
    {
      id: "port-8080",
      title: "python3 listens on 127.0.0.1:8080",
      hint: "Give the server --bind 127.0.0.1 and the port 8080; ss -ltnp shows who listens where.",
      probe: { kind: "port", port: 8080, address: "127.0.0.1", process: "python3" },
    },
    {
      id: "page-served",
      title: "http://127.0.0.1:8080/ serves the page",
      hint: "Put index.html in /srv/www and start the server with --directory /srv/www.",
      retry: { withinMs: 5_000, everyMs: 1_000 },
      probe: {
        kind: "http",
        url: "http://127.0.0.1:8080/",
        status: 200,
        body: "hello from webapp",
      },
    },
  ],
} satisfies Step;
