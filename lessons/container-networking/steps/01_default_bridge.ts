import type { Step } from "../../../lib/mod.ts";

export default {
  id: "default-bridge",
  title: "Names do not resolve on the default bridge",
  commands: [
    {
      run: "docker run -d --name bridge-a alpine:latest sleep infinity",
      stdout: "{{bridge_a_id:id}}",
    },
    {
      // No --network: both containers sit on the default bridge, where Docker's DNS does not answer.
      run: "docker run --rm alpine:latest ping -c 1 bridge-a",
      stderr: "ping: bad address 'bridge-a'",
      exitCode: 1,
    },
    { run: "docker rm -f bridge-a", stdout: "bridge-a" },
  ],
} satisfies Step;
