import type { Step } from "../../../lib/mod.ts";

export default {
  id: "json",
  title: "Check part of a JSON document",
  commands: [
    {
      run:
        'printf \'[{"Name": "demo", "Id": "%s", "Created": "%s", "Extra": true}]\\n\' "$(cat token.txt)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
      // Only the keys named here are compared; the Id must be the token captured earlier.
      stdout: {
        kind: "json",
        value: [{ Name: "demo", Id: "{{token}}", Created: "{{timestamp}}" }],
      },
    },
  ],
} satisfies Step;
