import type { Step } from "../../../lib/mod.ts";

export default {
  id: "three-tier",
  title: "Multi-container AI service example",
  commands: [
    { run: "docker network create ai-app-network", stdout: { kind: "any" } },
    {
      run:
        "docker run -d \\\n--name postgres \\\n--network ai-app-network \\\n-e POSTGRES_DB=conversations \\\n-e POSTGRES_USER=ai_user \\\n-e POSTGRES_PASSWORD=secure_password \\\n-v postgres_data:/var/lib/postgresql/data \\\npostgres:16-alpine",
      stdout: { kind: "any" },
    },
    {
      run: "docker run -d \\\n--name redis \\\n--network ai-app-network \\\nredis:7-alpine",
      stdout: { kind: "any" },
    },
    { run: "cd agent" },
    {
      run: "docker build -t ai-agent:latest .",
      tags: ["network"],
      stdout: { kind: "any" },
      stderr: { kind: "any" },
      timeoutMs: 600_000,
    },
    {
      run:
        "docker run -d \\\n--name agent \\\n--network ai-app-network \\\n-p 8000:8000 \\\nai-agent:latest",
      stdout: { kind: "any" },
    },
    {
      // Run at once, as published: the agent is not listening yet, or has already exited
      // because Postgres was still starting when it tried to connect.
      run: "curl http://localhost:8000/health",
      stdout: { kind: "json", value: { status: "healthy", database: "postgres", cache: "redis" } },
      stderr: { kind: "any" },
    },
    // Not in the doc: give the agent a Postgres that is up, so the defects after this one show.
    {
      run: "until docker exec postgres pg_isready -q; do sleep 1; done; docker restart agent",
      doc: false,
      stdout: "agent",
      timeoutMs: 60_000,
    },
    {
      run: "curl -s --retry 30 --retry-delay 1 --retry-all-errors http://localhost:8000/health",
      doc: false,
      stdout: { kind: "json", value: { status: "healthy" } },
      timeoutMs: 60_000,
    },
    {
      run:
        'curl -X POST http://localhost:8000/conversation/user123 \\\n-H "Content-Type: application/json" \\\n-d \'{"message": "Hello, AI!"}\'',
      stdout: { kind: "json", value: { status: "saved", user_id: "user123" } },
      stderr: { kind: "any" },
    },
    {
      run: "curl http://localhost:8000/conversation/user123",
      stdout: { kind: "json", value: { source: "cache", message: "Hello, AI!" } },
      stderr: { kind: "any" },
    },
    { run: "cd .." },
  ],
} satisfies Step;
