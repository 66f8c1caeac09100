# How much libFuzzer's coverage grew in each fifth of a run's executions, from its progress lines
# ("#N ... cov: X"): a target has plateaued when the last fifths add next to nothing.
#   awk -f growth.awk logs/TARGET.log
/^#[0-9]+\t/ && / cov: / {
    n = substr($1, 2) + 0
    for (i = 1; i <= NF; i++) if ($i == "cov:") c = $(i + 1) + 0
    ns[++k] = n; cs[k] = c
}
END {
    if (k == 0) { print "growth=?"; exit }
    total = ns[k]; out = ""
    for (f = 1; f <= 5; f++) {
        lo = total * (f - 1) / 5; hi = total * f / 5
        a = cs[1]; b = cs[1]
        for (i = 1; i <= k; i++) { if (ns[i] <= lo) a = cs[i]; if (ns[i] <= hi) b = cs[i] }
        out = out sprintf("%s+%.2f%%", (f > 1 ? "," : ""), a ? 100 * (b - a) / a : 0)
    }
    print "growth_by_fifth=" out
}
