#!/usr/bin/env Rscript
# R anchor for the speed harness: one computation -> one JSON line on stdout.
#
# usage: Rscript anchor_r.R FILE STAT METHOD B SEED CAP [FILE2]
#   STAT    mean | median | pNN (type 7, R's default quantile = numpy 'linear') | diffmean (FILE2 - FILE)
#   METHOD  percentile  boot::boot(x, stat, R = B) + boot.ci(type = "perc")
#           bca         boot::boot(x, stat, R = B) + boot.ci(type = c("perc", "bca"), L = empinf(b, type = "jack"))
#                       (jackknife influence values: boot's default regression L needs B > n and a B x n
#                       matrix, so it fails for n >= B; the jackknife is the documented alternative and
#                       matches scipy's acceleration for the mean)
#           order       distribution-free order-statistic CI written by hand with qbinom, the same
#                       order statistics as scipy.stats.quantile_test(...).confidence_interval(0.95)
#           mwu         wilcox.test(y, x, exact = FALSE, correct = TRUE) (normal approximation, as scipy
#                       mannwhitneyu's 'auto' at these n)
#   CAP     seconds; setTimeLimit(elapsed = CAP) interrupts the computation -> status "timeout".
# The statistic passed to boot() is "vectorised enough": the mean via mean(), quantiles via one
# partial sort (sort.int(partial = ...)) and type-7 interpolation instead of quantile()'s overhead.
# computeSeconds (Sys.time(), microsecond resolution) times only the anchor call (data already read with scan(), boot loaded).
# Prints {tool, low, high, computeSeconds, status: ok|MemoryError|timeout|error, message, ...}.
args <- commandArgs(trailingOnly = TRUE)
if (!(length(args) %in% c(6, 7))) { cat("usage: anchor_r.R FILE STAT METHOD B SEED CAP [FILE2]\n", file = stderr()); quit(status = 64) }
path <- args[1]; stat <- args[2]; method <- tolower(args[3]); B <- as.integer(args[4])
seed <- as.integer(args[5]); cap <- as.numeric(args[6]); path2 <- if (length(args) == 7) args[7] else NA

num <- function(v) if (is.null(v) || length(v) == 0 || is.na(v) || !is.finite(v)) "null" else trimws(formatC(v, digits = 17, format = "g"))
str <- function(v) paste0('"', gsub("[\r\n\t]", " ", gsub('"', "'", gsub("\\\\", "/", v))), '"')
out <- list(tool = str("R"), low = "null", high = "null", computeSeconds = "null", status = str("error"),
            message = str(""), statistic = str(stat), method = str(method), resamples = num(B), seed = num(seed))
emit <- function() {
  cat("{", paste(sprintf('"%s": %s', names(out), unlist(out)), collapse = ", "), "}\n", sep = "")
  quit(status = 0)
}

ok <- suppressWarnings(suppressMessages(requireNamespace("boot", quietly = TRUE)))
if (!ok) { out$message <- str("package boot is not installed"); emit() }
suppressMessages(library(boot))
out$versions <- sprintf('{"R": %s, "boot": %s}', str(paste(R.version$major, R.version$minor, sep = ".")),
                        str(as.character(packageVersion("boot"))))
out$blas <- str(extSoftVersion()[["BLAS"]])
out$env <- sprintf('{"OPENBLAS_CORETYPE": %s}', if (nzchar(Sys.getenv("OPENBLAS_CORETYPE"))) str(Sys.getenv("OPENBLAS_CORETYPE")) else "null")

x <- scan(path, what = double(), quiet = TRUE)
y <- if (!is.na(path2)) scan(path2, what = double(), quiet = TRUE) else NULL
n <- length(x)
out$n <- num(n)

# type-7 quantile with one partial sort (same value as quantile(y, p, type = 7))
q7 <- function(v, p) {
  m <- length(v); h <- (m - 1) * p + 1; lo <- floor(h); hi <- min(lo + 1, m)
  s <- sort.int(v, partial = unique(c(lo, hi)))
  g <- h - lo
  if (g == 0) s[lo] else (1 - g) * s[lo] + g * s[hi]
}
p <- NA
if (stat == "mean") {
  f <- function(d, i) mean(d[i])
} else if (stat == "median") {
  p <- 0.5; f <- function(d, i) q7(d[i], 0.5)
} else if (grepl("^p[0-9.]+$", stat)) {
  p <- as.numeric(substring(stat, 2)) / 100
  f <- function(d, i) q7(d[i], p)
} else if (stat != "diffmean") {
  out$message <- str(paste("unknown statistic", stat)); emit()
}

run <- function() {
  if (method == "percentile") {
    b <- boot(x, f, R = B)
    ci <- boot.ci(b, conf = 0.95, type = "perc")
    list(low = ci$percent[1, 4], high = ci$percent[1, 5], se = sd(b$t[, 1]))
  } else if (method == "bca") {
    b <- boot(x, f, R = B)
    L <- empinf(b, type = "jack")
    ci <- boot.ci(b, conf = 0.95, type = c("perc", "bca"), L = L)
    list(low = ci$bca[1, 4], high = ci$bca[1, 5], se = sd(b$t[, 1]))
  } else if (method == "order") {
    if (is.na(p)) stop("order needs a quantile statistic")
    a2 <- 0.025
    lo <- qbinom(a2, n, p)                          # 1-based: scipy low_index = binom.ppf(a2) - 1 (0-based)
    hi <- qbinom(a2, n, p, lower.tail = FALSE) + 1  # 1-based: scipy high_index = binom.isf(a2) (0-based)
    idx <- c(lo, hi)[c(lo, hi) >= 1 & c(lo, hi) <= n]
    s <- if (length(idx)) sort.int(x, partial = idx) else x
    list(low = if (lo >= 1) s[lo] else NA, high = if (hi <= n) s[hi] else NA, orderStatistics = c(lo, hi))
  } else if (method == "mwu") {
    w <- wilcox.test(y, x, exact = FALSE, correct = TRUE)
    list(estimate = unname(w$statistic), pvalue = w$p.value)
  } else stop(paste("unknown method", method))
}

set.seed(seed)
t0 <- as.numeric(Sys.time())
res <- tryCatch({
  setTimeLimit(elapsed = cap, transient = TRUE)
  r <- run()
  setTimeLimit(elapsed = Inf)
  r
}, error = function(e) { setTimeLimit(elapsed = Inf); structure(list(msg = conditionMessage(e)), class = "err") })
dt <- as.numeric(Sys.time()) - t0
if (inherits(res, "err")) {
  msg <- res$msg
  out$status <- str(if (grepl("time limit", msg)) "timeout" else if (grepl("cannot allocate|vector memory|too large", msg)) "MemoryError" else "error")
  out$message <- str(substr(msg, 1, 300))
  out$elapsedBeforeStop <- num(dt)
} else {
  out$status <- str("ok"); out$computeSeconds <- num(dt)
  for (k in names(res)) out[[k]] <- if (length(res[[k]]) > 1) paste0("[", paste(sapply(res[[k]], num), collapse = ", "), "]") else num(res[[k]])
}
emit()
