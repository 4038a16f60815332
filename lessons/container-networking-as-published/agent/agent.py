from fastapi import FastAPI
import psycopg2
import redis
import os

app = FastAPI()

# Connect to services by hostname
@app.on_event("startup")
async def startup():
    global db_conn, cache

    # Connect to Postgres using hostname 'postgres'
    db_conn = psycopg2.connect(
        host='postgres',
        database='conversations',
        user='ai_user',
        password='secure_password'
    )

    # Connect to Redis using hostname 'redis'
    cache = redis.Redis(host='redis', port=6379, decode_responses=True)

    print("Connected to Postgres and Redis by hostname!")

@app.get("/health")
def health():
    return {
        "status": "healthy",
        "database": "postgres",
        "cache": "redis"
    }

@app.post("/conversation/{user_id}")
def save_conversation(user_id: str, message: str):
    # Store in cache (fast)
    cache.set(f"user:{user_id}:latest", message)

    # Store in database (persistent)
    cursor = db_conn.cursor()
    cursor.execute(
        "INSERT INTO conversations (user_id, message) VALUES (%s, %s)",
        (user_id, message)
    )
    db_conn.commit()

    return {"status": "saved", "user_id": user_id}

@app.get("/conversation/{user_id}")
def get_conversation(user_id: str):
    # Try cache first
    cached = cache.get(f"user:{user_id}:latest")
    if cached:
        return {"source": "cache", "message": cached}

    # Fall back to database
    cursor = db_conn.cursor()
    cursor.execute(
        "SELECT message FROM conversations WHERE user_id = %s ORDER BY created_at DESC LIMIT 1",
        (user_id,)
    )
    result = cursor.fetchone()

    return {"source": "database", "message": result[0] if result else None}
