import type { SelfTestSpec } from "../../lib/mod.ts";

const START_SERVER =
  "env -i PATH=/usr/sbin:/usr/bin setsid runuser -u webapp -- python3 -m http.server 8080 --bind 127.0.0.1 --directory /srv/www >/var/log/webapp.log 2>&1 </dev/null &";

export default {
  finishedAfter: "find",
  broken: [
    {
      id: "token-world-readable",
      title: "the token file is 0644, so everyone may read it",
      break: ["chmod 0644 /etc/webapp/token"],
      repair: ["chmod 0640 /etc/webapp/token"],
      fails: ["token-file", "carol-kept-out"],
    },
    {
      id: "carol-in-devs",
      title: "carol was added to devs",
      break: ["usermod -aG devs carol"],
      repair: ["gpasswd -d carol devs"],
      // devs may have more members than alice and bob: group-devs still passes.
      fails: ["user-carol", "carol-kept-out"],
    },
    {
      id: "no-setgid",
      title: "/srv/project lost its setgid bit",
      // Not chmod 0770: GNU chmod keeps a folder's setgid bit unless told to clear it.
      break: ["chmod g-s /srv/project"],
      repair: ["chmod g+s /srv/project"],
      fails: ["project-folder"],
    },
    {
      id: "service-stopped",
      title: "the web service was stopped",
      break: ["pkill -u webapp -f 'http.server 8080'", "sleep 0.5"],
      repair: [
        START_SERVER,
        "curl -s -o /dev/null --retry 10 --retry-connrefused --retry-delay 1 http://127.0.0.1:8080/",
      ],
      fails: ["service-runs", "port-8080", "page-served"],
    },
    {
      id: "package-removed",
      title: "the package lab-hello was removed",
      break: ["dpkg -r lab-hello"],
      repair: ["dpkg -i ~/pkg/lab-hello.deb"],
      fails: ["package-installed", "lab-hello-runs"],
    },
  ],
} satisfies SelfTestSpec;
