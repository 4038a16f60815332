#!/usr/bin/env bash
# run-lesson stand-in for the postgres image's docker-entrypoint.sh, for Debian's PostgreSQL 15.
# Honours POSTGRES_USER (default postgres), POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE),
# POSTGRES_DB (default: the user), POSTGRES_HOST_AUTH_METHOD (default scram-sha-256),
# POSTGRES_INITDB_ARGS and /docker-entrypoint-initdb.d/*.sh|*.sql, and initialises PGDATA only
# when it holds no cluster yet. Runs the server as the postgres user, logging to stderr.
set -Eeo pipefail

# Read VAR or VAR_FILE (not both) into VAR, so secrets need not be in the environment.
file_env() {
  local var=$1 file_var="${1}_FILE" def=${2:-}
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    echo >&2 "error: both $var and $file_var are set (but are exclusive)"
    exit 1
  fi
  local val=$def
  if [ -n "${!var:-}" ]; then
    val=${!var}
  elif [ -n "${!file_var:-}" ]; then
    val=$(<"${!file_var}")
  fi
  export "$var"="$val"
  unset "$file_var"
}

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  chmod 3777 /var/run/postgresql
  exec gosu postgres "${BASH_SOURCE[0]}" "$@"
fi

if [ "$1" = postgres ]; then
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth" != trust ]; then
      cat >&2 <<'EOE'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
EOE
      exit 1
    fi

    # The password reaches initdb through a pipe, never argv.
    # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the real image
    if [ -n "$POSTGRES_PASSWORD" ]; then
      initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        $POSTGRES_INITDB_ARGS
    else
      initdb --username="$POSTGRES_USER" $POSTGRES_INITDB_ARGS
    fi

    echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
    printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
    psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
    if [ "$POSTGRES_DB" != postgres ]; then
      "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db" ;'
      echo
    fi
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh)
          echo "$0: running $f"
          # shellcheck disable=SC1090
          . "$f"
          ;;
        *.sql)
          echo "$0: running $f"
          "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f"
          echo
          ;;
        *.sql.gz)
          echo "$0: running $f"
          gunzip -c "$f" | "${psql[@]}" --dbname "$POSTGRES_DB"
          echo
          ;;
        *) [ -e "$f" ] && echo "$0: ignoring $f" ;;
      esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop
    echo
    echo 'PostgreSQL init process complete; ready for start up.'
    echo
  else
    echo
    echo 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
    echo
  fi
  unset POSTGRES_PASSWORD
fi

exec "$@"
