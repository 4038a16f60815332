#!/bin/sh
# run-lesson stand-in for the redis image's docker-entrypoint.sh: options alone or a .conf file
# mean redis-server; protected mode is off, as in the real image (whose redis is built that way),
# unless the arguments turn it back on; the server runs as the redis user.
set -e

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

if [ "$1" = redis-server ]; then
  shift
  if [ "${1%.conf}" != "$1" ]; then
    conf=$1
    shift
    set -- redis-server "$conf" --protected-mode no "$@"
  else
    set -- redis-server --protected-mode no "$@"
  fi
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' +
    # shellcheck disable=SC2016 # expanded by the shell su starts
    exec su -s /bin/sh -c 'exec "$0" "$@"' -- redis "$@"
  fi
fi

exec "$@"
