package io.opslake.sampledata;

/** A planted kernel OOM kill of a web host's Java process, followed by a systemd restart. */
record OomKill(String host, long epochMillis, int killedPid, int newPid) {}
