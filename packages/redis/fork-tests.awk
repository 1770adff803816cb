# Prints the names of the tests in a redis Tcl test file (tests/unit/*.tcl)
# that need fork(), which returns ENOSYS here: their body runs BGSAVE or
# BGREWRITEAOF, turns AOF on at run time (that starts a rewrite), or reads
# a replication stream or makes a replica (a replica's first sync is a
# BGSAVE). check() gives the list to runtest --skipfile: in this suite an
# error outside an assertion ends the whole file, so one such test would
# hide every test after it.
function flush() { if (name != "" && hit) print name; name = ""; hit = 0 }
function indent(s) { match(s, /^[ \t]*/); return RLENGTH }
/^[ \t]*test[ \t]+[{"]/ {
    flush()
    depth = indent($0)
    line = $0
    sub(/^[ \t]*test[ \t]+/, "", line)
    close_q = substr(line, 1, 1) == "{" ? "}" : "\""
    line = substr(line, 2)
    if (index(line, close_q) > 0) name = substr(line, 1, index(line, close_q) - 1)
    next
}
# A group after the test ends it (one inside the test's body does not).
/^[ \t]*(start_server|tags)[ \t]/ && indent($0) <= depth { flush() }
tolower($0) ~ /bgsave|bgrewriteaof|attach_to_replication_stream|appendonly yes|waitforbgsave|waitforbgrewriteaof|wait_for_ofs_sync|replicaof|slaveof/ { hit = 1 }
END { flush() }
