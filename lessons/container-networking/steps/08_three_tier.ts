import type { Step } from "../../../lib/mod.ts";

export default {
  id: "three-tier",
  title: "A FastAPI agent that finds Postgres and Redis by name",
  commands: [
    { run: "docker network create ai-app-network", stdout: "{{app_net_id:id}}" },
    {
      run:
        "docker run -d \\\n  --name postgres \\\n  --network ai-app-network \\\n  -e POSTGRES_DB=conversations \\\n  -e POSTGRES_USER=ai_user \\\n  -e POSTGRES_PASSWORD=secure_password \\\n  -v postgres_data:/var/lib/postgresql/data \\\n  postgres:16-alpine",
      stdout: "{{postgres_app_id:id}}",
    },
    {
      run: "docker run -d \\\n  --name redis \\\n  --network ai-app-network \\\n  redis:7-alpine",
      stdout: "{{redis_app_id:id}}",
    },
    // agent.py, Dockerfile and requirements.txt live in the lesson's agent/ folder.
    { run: "cd agent" },
    {
      // Needs the internet (pip); --offline uses the prepared stand-in built from the same agent.py.
      run: "docker build -t ai-agent:latest .",
      tags: ["network"],
      stdout: { kind: "any" },
      stderr: { kind: "any" },
      timeoutMs: 600_000,
    },
    {
      run:
        "docker run -d \\\n  --name agent \\\n  --network ai-app-network \\\n  -p 8000:8000 \\\n  ai-agent:latest",
      stdout: "{{agent_id:id}}",
    },
    {
      // The agent needs a moment to start (it waits for Postgres): retry until it answers.
      run: "curl -s --retry 30 --retry-delay 1 --retry-all-errors http://localhost:8000/health",
      stdout: { kind: "json", value: { status: "healthy", database: "postgres", cache: "redis" } },
      timeoutMs: 60_000,
    },
    {
      run:
        'curl -s -X POST http://localhost:8000/conversation/user123 \\\n  -H "Content-Type: application/json" \\\n  -d \'{"message": "Hello, AI!"}\'',
      stdout: { kind: "json", value: { status: "saved", user_id: "user123" } },
    },
    {
      run: "curl -s http://localhost:8000/conversation/user123",
      stdout: { kind: "json", value: { source: "cache", message: "Hello, AI!" } },
    },
    {
      // Drop the cached copy: the agent falls back to Postgres.
      run: "docker exec redis redis-cli DEL user:user123:latest",
      stdout: "1",
    },
    {
      run: "curl -s http://localhost:8000/conversation/user123",
      stdout: { kind: "json", value: { source: "database", message: "Hello, AI!" } },
    },
    { run: "cd .." },
  ],
  checks: [
    {
      id: "app-network",
      title: "postgres, redis and agent run on ai-app-network",
      // One point for each container on the network: partial credit.
      points: 3,
      hint: "Start all three containers with --network ai-app-network.",
      probe: ["postgres", "redis", "agent"].map((container) => ({
        kind: "docker.attached",
        container,
        network: "ai-app-network",
      })),
    },
    {
      id: "agent-health",
      title: "the agent answers /health from inside ai-app-network",
      points: 2,
      hint: "Check the agent's logs (docker logs agent): it must reach postgres and redis by name.",
      // The agent may still be starting: give it time before failing.
      retry: { withinMs: 15_000, everyMs: 3_000 },
      probe: {
        kind: "docker.http",
        url: "http://agent:8000/health",
        network: "ai-app-network",
        status: 200,
        json: { status: "healthy" },
      },
    },
    {
      id: "message-stored",
      title: "the message for user123 is stored in Postgres",
      points: 2,
      hint: 'POST a JSON body {"message": ...} to /conversation/user123.',
      probe: {
        kind: "docker.exec",
        container: "postgres",
        command:
          "psql -U ai_user -d conversations -tA -c \"SELECT message FROM conversations WHERE user_id = 'user123' ORDER BY created_at DESC LIMIT 1\"",
        stdout: "Hello, AI!",
      },
    },
  ],
} satisfies Step;
