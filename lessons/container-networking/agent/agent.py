import time

import psycopg2
import redis
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
db_conn = None
cache = None


class Message(BaseModel):
    message: str


def connect_postgres(attempts=30):
    # Postgres may still be starting when the agent starts: retry for a while.
    for attempt in range(attempts):
        try:
            return psycopg2.connect(
                host="postgres",
                database="conversations",
                user="ai_user",
                password="secure_password",
            )
        except psycopg2.OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(1)


@app.on_event("startup")
def startup():
    global db_conn, cache
    db_conn = connect_postgres()
    with db_conn.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS conversations ("
            " id SERIAL PRIMARY KEY,"
            " user_id TEXT NOT NULL,"
            " message TEXT NOT NULL,"
            " created_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
    db_conn.commit()
    cache = redis.Redis(host="redis", port=6379, decode_responses=True)
    print("Connected to Postgres and Redis by hostname!", flush=True)


@app.get("/health")
def health():
    return {"status": "healthy", "database": "postgres", "cache": "redis"}


@app.post("/conversation/{user_id}")
def save_conversation(user_id: str, body: Message):
    cache.set(f"user:{user_id}:latest", body.message)
    with db_conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO conversations (user_id, message) VALUES (%s, %s)",
            (user_id, body.message),
        )
    db_conn.commit()
    return {"status": "saved", "user_id": user_id}


@app.get("/conversation/{user_id}")
def get_conversation(user_id: str):
    cached = cache.get(f"user:{user_id}:latest")
    if cached:
        return {"source": "cache", "message": cached}
    with db_conn.cursor() as cursor:
        cursor.execute(
            "SELECT message FROM conversations WHERE user_id = %s"
            " ORDER BY created_at DESC LIMIT 1",
            (user_id,),
        )
        row = cursor.fetchone()
    return {"source": "database", "message": row[0] if row else None}
