#!/usr/bin/env bash
# Captures a real Apache httpd access log: installs Debian's apache2 (if missing), starts it on
# loopback with a private ServerRoot and the stock `combined` LogFormat, serves a small static site
# and sends it 10,000 requests (clients.py) over several hours of server time (libfaketime runs the
# server's clock from 07:00 Europe/Berlin at 60x). The server writes every line itself; this script
# only gzips the result. Needs root for apt-get and for the server's switch to www-data.
#
#   sample-data/access-log/capture.sh [output.log.gz]
#
# Default output: ingest/src/test/resources/access-log/apache-combined-10000.log.gz
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../ingest/src/test/resources/access-log/apache-combined-10000.log.gz}"
port="${PORT:-18080}"
start="${FAKE_START:-2026-11-14 07:00:00}"
speed="${FAKE_SPEED:-60}"
export TZ="${SERVER_TZ:-Europe/Berlin}"

if ! command -v apache2 >/dev/null || ! command -v faketime >/dev/null; then
  apt-get install -y apache2 faketime
fi
modules=/usr/lib/apache2/modules
root="$(mktemp -d /tmp/apache-capture.XXXXXX)"
chmod 755 "$root"
mkdir -p "$root/logs" "$root/htdocs"
trap 'if [[ -f $root/httpd.pid ]]; then kill "$(cat "$root/httpd.pid")" 2>/dev/null || true; fi' EXIT

# --- the site ---------------------------------------------------------------------------------
site="$root/htdocs"
mkdir -p "$site"/{css,js,img,blog/2026,docs,downloads,private,admin,status,new}
page() { printf '<!doctype html>\n<html><head><title>%s</title><link rel="stylesheet" href="/css/site.css"></head>\n<body><h1>%s</h1>\n%s\n</body></html>\n' "$2" "$2" "$3" >"$site/$1"; }
page index.html "Example shop" "$(for i in $(seq 1 40); do echo "<p><a href=\"/blog/2026/post-$((i % 8)).html\">Post $i</a> <img src=\"/img/thumb-$((i % 5)).png\"></p>"; done)"
page about.html "About us" "<p>We sell things.</p>"
page contact.html "Contact" "<form method=post action=/contact.html><input name=q></form>"
page search.html "Search" "<p>Results</p>"
page new/index.html "New home" "<p>Moved here.</p>"
for i in $(seq 0 7); do page "blog/2026/post-$i.html" "Post $i" "$(head -c $((2000 + i * 1500)) /dev/zero | tr '\0' 'x')"; done
for i in $(seq 1 5); do page "docs/chapter-$i.html" "Chapter $i" "$(head -c $((8000 * i)) /dev/zero | tr '\0' 'y')"; done
head -c 18000 /dev/zero | tr '\0' 'c' >"$site/css/site.css"
head -c 95000 /dev/zero | tr '\0' 'j' >"$site/js/app.js"
for i in $(seq 0 4); do head -c $((3000 + i * 2200)) /dev/urandom >"$site/img/thumb-$i.png"; done
head -c 480000 /dev/urandom >"$site/img/hero.jpg"
head -c 1150 /dev/urandom >"$site/favicon.ico"
head -c 2400000 /dev/urandom >"$site/downloads/report-2026.pdf"
printf 'User-agent: *\nDisallow: /private/\n' >"$site/robots.txt"
echo secret >"$site/private/keys.txt"
page admin/index.html "Admin" "<p>admin</p>"
# real server errors without CGI: mod_asis sends the status the file names
printf 'Status: 500 Internal Server Error\nContent-Type: text/html\n\n<h1>Internal Server Error</h1>\n' >"$site/status/crash.asis"
printf 'Status: 503 Service Unavailable\nRetry-After: 120\nContent-Type: text/html\n\n<h1>Down for maintenance</h1>\n' >"$site/status/maintenance.asis"
htpasswd -bc "$root/htpasswd" admin 'correct horse' >/dev/null 2>&1
find "$site" -exec touch -d "2026-11-10 12:00:00 UTC" {} +
chown -R root:root "$site" && chmod -R a+rX "$site" && chmod 644 "$root/htpasswd"

# --- the server -------------------------------------------------------------------------------
user_group=""
if [[ $(id -u) == 0 ]]; then user_group=$'User www-data\nGroup www-data'; fi
cat >"$root/httpd.conf" <<CONF
ServerRoot "$root"
ServerName www.example.test
Listen 127.0.0.1:$port
Listen [::1]:$port
PidFile $root/httpd.pid
Mutex file:$root default
$user_group
$(for module in mpm_event authz_core authz_host authz_user authn_core authn_file auth_basic alias dir mime asis reqtimeout; do
  echo "LoadModule ${module}_module $modules/mod_$module.so"
done)
TypesConfig /etc/mime.types
AddHandler send-as-is asis
DocumentRoot "$site"
DirectoryIndex index.html
KeepAlive On
# libfaketime's speed-up also shortens the server's timeouts; give slow clients five minutes of
# server time to send their headers, so that their lines are logged late, stamped with their start
RequestReadTimeout handshake=0 header=300 body=300
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "$site">
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory "$site/private">
  Require all denied
</Directory>
<Directory "$site/admin">
  AuthType Basic
  AuthName "admin"
  AuthUserFile $root/htpasswd
  Require valid-user
</Directory>
Redirect permanent /old /new
Redirect temp /shop https://shop.example.test/
ErrorLog $root/logs/error.log
LogLevel warn
# the stock format of Debian's /etc/apache2/apache2.conf, unchanged
LogFormat "%h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" combined
CustomLog $root/logs/access.log combined
CONF

faketime -f "@$start x$speed" apache2 -d "$root" -f "$root/httpd.conf" -DFOREGROUND &
server=$!
for _ in $(seq 1 50); do [[ -f $root/httpd.pid ]] && break; sleep 0.1; done

# --- the clients ------------------------------------------------------------------------------
python3 "$here/clients.py" --port "$port" --requests "${REQUESTS:-10000}" --hours "${HOURS:-6}" --speed "$speed" \
  --htpasswd-user admin --htpasswd-password 'correct horse'

kill -WINCH "$(cat "$root/httpd.pid")"  # graceful stop: lets running requests finish and log
wait "$server" || true
mkdir -p "$(dirname "$out")"
gzip -9n <"$root/logs/access.log" >"$out"
echo "apache: $(apache2 -v | head -1)"
echo "lines: $(wc -l <"$root/logs/access.log"), written to $out"
echo "error log: $(wc -l <"$root/logs/error.log") lines in $root/logs/error.log"
