#!/usr/bin/env python3
"""Writes opslake's labelled template-mining evaluation set (deterministic, seed 7).

Each data set is <name>.log (raw lines, with a header the --line-format of eval-sets.csv strips)
and <name>.truth (the true template of every line, same line count). Lines are produced from
hand-written templates in the styles of HDFS, BGL and OpenSSH logs, and from the messages the
opslake scenario generator writes (plaintext, zap, journald), so the truth is known by
construction. Rerun with: python3 make-eval-set.py (from this directory).
"""
import random

rng = random.Random(7)

def ip():
    return "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))

def port():
    return str(rng.randint(1024, 65535))

def blk():
    return "blk_" + ("-" if rng.random() < 0.5 else "") + str(rng.randint(10**17, 10**19))

def num(lo=0, hi=100000):
    return str(rng.randint(lo, hi))

def hexa(n=8):
    return "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(n))

def pick(*values):
    return rng.choice(values)

USERS = ["admin", "test", "oracle", "git", "support", "guest", "ftpuser", "postgres", "ubuntu", "pi", "user", "nagios"]
HOSTS = ["ns.example-hosting.com", "static.vps-cloud.net", "mail.acme-corp.org", "unassigned.isp-pool.net"]
WORDS = ["alpha", "beta", "gamma", "delta", "omega", "sigma"]

# name -> (weight, template with {} fields, function returning field values). The truth template
# is the text with every {} replaced by <*>.
HDFS = [
    (30, "Receiving block {} src: /{}:{} dest: /{}:{}", lambda: [blk(), ip(), port(), ip(), port()]),
    (30, "BLOCK* NameSystem.addStoredBlock: blockMap updated: {}:{} is added to {} size {}", lambda: [ip(), port(), blk(), num()]),
    (30, "PacketResponder {} for block {} terminating", lambda: [num(0, 2), blk()]),
    (28, "Received block {} of size {} from /{}", lambda: [blk(), num(), ip()]),
    (12, "BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_{}_m_{}_0/part-{}. {}", lambda: [num(), num(), num(), blk()]),
    (10, "Verification succeeded for {}", lambda: [blk()]),
    (10, "Deleting block {} file /mnt/hadoop/dfs/data/current/subdir{}/{}", lambda: [blk(), num(0, 60), blk()]),
    (10, "BLOCK* NameSystem.delete: {} is added to invalidSet of {}:{}", lambda: [blk(), ip(), port()]),
    (6, "{}:{}:Transmitted block {} to /{}:{}", lambda: [ip(), port(), blk(), ip(), port()]),
    (5, "{}:{}:Got exception while serving {} to /{}:", lambda: [ip(), port(), blk(), ip()]),
    (5, "{}:{}:Served block {} to /{}", lambda: [ip(), port(), blk(), ip()]),
    (4, "writeBlock {} received exception java.io.IOException: Could not read from stream", lambda: [blk()]),
    (4, "writeBlock {} received exception java.io.EOFException: while trying to read {} bytes", lambda: [blk(), num()]),
    (3, "BLOCK* ask {}:{} to replicate {} to datanode(s) {}:{}", lambda: [ip(), port(), blk(), ip(), port()]),
    (3, "{}:{} Starting thread to transfer block {} to {}:{}", lambda: [ip(), port(), blk(), ip(), port()]),
    (3, "Exception in receiveBlock for block {} java.io.IOException: Connection reset by peer", lambda: [blk()]),
    (2, "PacketResponder {} for block {} Interrupted.", lambda: [blk(), blk()]),
    (2, "BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock request received for {} on {}:{} size {}", lambda: [blk(), ip(), port(), num()]),
    (2, "Unexpected error trying to delete block {}. BlockInfo not found in volumeMap.", lambda: [blk()]),
]

BGL = [
    (40, "instruction cache parity error corrected", lambda: []),
    (30, "generating core.{}", lambda: [num()]),
    (25, "{} double-hummer alignment exceptions", lambda: [num()]),
    (20, "CE sym {}, at {}, mask {}", lambda: [num(0, 40), hexa(), hexa(2)]),
    (15, "data TLB error interrupt", lambda: []),
    (12, "total of {} ddr error(s) detected and corrected", lambda: [num(1, 30)]),
    (10, "ddr: activating redundant bit steering: rank={} symbol={}", lambda: [num(0, 3), num(0, 40)]),
    (10, "ciod: failed to read message prefix on control stream (CioStream socket to {}:{}", lambda: [ip(), port()]),
    (10, "ciod: LOGIN chdir(/p/gb1/{}/run{}) failed: No such file or directory", lambda: [pick(*WORDS), num()]),
    (8, "machine check interrupt (bit={}): L2 dcache unit data parity error", lambda: [hexa(2)]),
    (8, "MidplaneSwitchController performing bit sparing on R{}-M{}-L{}-U{}-C bit {}", lambda: [num(0, 7), num(0, 1), num(0, 3), num(0, 3), num(0, 9)]),
    (6, "rts: kernel terminated for reason {}", lambda: [num(1000, 1010)]),
    (6, "iar {} dear {}", lambda: [hexa(), hexa()]),
    (6, "Lustre mount FAILED : bglio{} : block_id : location", lambda: [num(1, 99)]),
    (5, "ciod: Error reading message prefix after LOGIN_MESSAGE on CioStream socket to {}:{}: Link has been severed", lambda: [ip(), port()]),
    (5, "program interrupt: fp cr field .............{}", lambda: [num(0, 7)]),
    (4, "idoproxydb hit ASSERT condition: ASSERT expression={} Source file=idotransportmgr.cpp Source line={} Function=int IdoTransportMgr::SendPacket(IdoUdpMgr*, BglCtlPavTrace*)", lambda: [num(0, 1), num(1000, 1100)]),
    (4, "critical input interrupt (unit={} bit={}): warning for torus y+ wire", lambda: [hexa(2), hexa(2)]),
    (3, "floating point alignment exceptions", lambda: []),
    (3, "external input interrupt (unit={} bit={}): uncorrectable torus error", lambda: [hexa(2), hexa(2)]),
    (3, "NodeCard is not fully functional", lambda: []),
    (2, "Node card VPD check: {} node in processor card slot {} do not match. VPD ecid {}, found {}", lambda: [pick("U01", "U11", "U21"), pick("J04", "J12", "J17"), hexa(12), hexa(12)]),
]

SSH = [
    (40, "Failed password for invalid user {} from {} port {} ssh2", lambda: [pick(*USERS), ip(), port()]),
    (35, "Invalid user {} from {}", lambda: [pick(*USERS), ip()]),
    (35, "input_userauth_request: invalid user {} [preauth]", lambda: [pick(*USERS)]),
    (30, "pam_unix(sshd:auth): check pass; user unknown", lambda: []),
    (30, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={}", lambda: [ip()]),
    (25, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={}  user=root", lambda: [ip()]),
    (25, "Failed password for root from {} port {} ssh2", lambda: [ip(), port()]),
    (20, "reverse mapping checking getaddrinfo for {} [{}] failed - POSSIBLE BREAK-IN ATTEMPT!", lambda: [pick(*HOSTS), ip()]),
    (20, "Received disconnect from {}: 11: Bye Bye [preauth]", lambda: [ip()]),
    (15, "Connection closed by {} [preauth]", lambda: [ip()]),
    (8, "Connection reset by {} [preauth]", lambda: [ip()]),
    (10, "message repeated {} times: [ Failed password for root from {} port {} ssh2]", lambda: [num(2, 5), ip(), port()]),
    (8, "PAM {} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost={}  user=root", lambda: [num(2, 5), ip()]),
    (6, "Accepted password for {} from {} port {} ssh2", lambda: [pick("fztu", "curi", "jmorgan"), ip(), port()]),
    (6, "pam_unix(sshd:session): session opened for user {} by (uid=0)", lambda: [pick("fztu", "curi", "jmorgan")]),
    (6, "pam_unix(sshd:session): session closed for user {}", lambda: [pick("fztu", "curi", "jmorgan")]),
    (5, "Disconnecting: Too many authentication failures for {} [preauth]", lambda: [pick("root", "admin")]),
    (4, "error: Received disconnect from {}: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]", lambda: [ip()]),
    (4, "Did not receive identification string from {}", lambda: [ip()]),
    (3, "Bad protocol version identification '{}' from {} port {}", lambda: [pick("GET / HTTP/1.1", "SSH-1.0"), ip(), port()]),
    (3, "fatal: Read from socket failed: Connection reset by peer [preauth]", lambda: []),
    (2, "Address {} maps to {}, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!", lambda: [ip(), pick(*HOSTS)]),
]

OPSLAKE = [
    (80, "GET /page{} 200 {}ms", lambda: [num(0, 49), num(50, 3000)]),
    (40, "stream opened", lambda: []),
    (40, "stream closed", lambda: []),
    (15, "subscriber is slow, dropping messages", lambda: []),
    (10, "publish failed", lambda: []),
    (12, "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)", lambda: []),
    (8, "Stopping {}...", lambda: [pick("api.service", "webapp.service")]),
    (8, "Stopped {}.", lambda: [pick("api.service", "webapp.service")]),
    (8, "Started {}.", lambda: [pick("api.service", "webapp.service")]),
    (6, "Failed to handle /page{}", lambda: [num(0, 49)]),
    (3, "Failed to render profile", lambda: []),
    (4, "Starting api 2.4.1 (pid {})", lambda: [num(1000, 40000)]),
    (4, "Slow query took {} ms", lambda: [num(1000, 5000)]),
    (3, "nf_conntrack: nf_conntrack: table full, dropping packet", lambda: []),
    (3, "perf: interrupt took too long ({} > {}), lowering kernel.perf_event_max_sample_rate to {}", lambda: [num(2501, 4000), num(2500, 2500), num(40000, 80000)]),
    (3, "EXT4-fs ({}): re-mounted. Opts: (null). Quota mode: none.", lambda: [pick("nvme0n1p1", "sda1")]),
    (2, "TCP: request_sock_TCP: Possible SYN flooding on port {}. Sending cookies.  Check SNMP counters.", lambda: [pick("8080", "443")]),
    (2, "java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0", lambda: []),
    (2, "Out of memory: Killed process {} (java) total-vm:8123456kB, anon-rss:4012345kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:9876kB oom_score_adj:0", lambda: [num(1000, 40000)]),
    (2, "webapp.service: Main process exited, code=killed, status=9/KILL", lambda: []),
    (2, "webapp.service: Failed with result 'oom-kill'.", lambda: []),
]

def header(name, i):
    if name == "hdfs":
        return "0811%02d %06d %d %s %s: " % (rng.randint(9, 11), rng.randint(0, 235959), rng.randint(1, 9999),
                                            pick("INFO", "WARN"), pick("dfs.DataNode$PacketResponder", "dfs.FSNamesystem", "dfs.DataNode"))
    if name == "bgl":
        node = "R%02d-M%d-N%d-C:J%02d-U%02d" % (rng.randint(0, 77), rng.randint(0, 1), rng.randint(0, 15), rng.randint(2, 17), rng.randint(1, 11))
        return "- %d 2005.06.%02d %s 2005-06-%02d-12.%02d.%02d.%06d %s RAS %s %s " % (
            1117838570 + i, rng.randint(1, 30), node, rng.randint(1, 30), rng.randint(0, 59), rng.randint(0, 59),
            rng.randint(0, 999999), node, pick("KERNEL", "APP", "LINKCARD"), pick("INFO", "FATAL", "ERROR"))
    if name == "openssh":
        return "Dec %2d %02d:%02d:%02d LabSZ sshd[%d]: " % (rng.randint(1, 31), rng.randint(0, 23), rng.randint(0, 59),
                                                           rng.randint(0, 59), rng.randint(1000, 30000))
    return ""

def write(name, templates, lines):
    weights = [t[0] for t in templates]
    with open(name + ".log", "w") as log, open(name + ".truth", "w") as truth:
        for i in range(lines):
            _, template, values = rng.choices(templates, weights)[0]
            log.write(header(name, i) + template.format(*values()) + "\n")
            truth.write(template.replace("{}", "<*>") + "\n")

write("hdfs", HDFS, 500)
write("bgl", BGL, 500)
write("openssh", SSH, 500)
write("opslake", OPSLAKE, 500)
