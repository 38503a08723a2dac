# R `boot` part of bootstrap_mc.json.  Normally run by generate_bootstrap_mc.py,
# which passes the same datasets it uses for scipy and merges the output:
#   Rscript generate_boot_r.R <datasets.txt> <out.json> <R_ref> <runs_ref> <R_se> <runs_se>
# datasets.txt: one dataset per line, "name v1 v2 ... vn".
# out.json: a JSON array of case objects (written by hand; no jsonlite).
#
# Statistic: mean, with its variance var(d[i])/length(i) as the 2nd element
# (needed by the studentized interval).  Types "norm", "stud", "perc", "basic".
# reference = mean over runs_ref independent boot() calls at R = R_ref;
# mcSE      = sd over runs_se independent boot() calls at R = R_se.
suppressMessages(library(boot))

args <- commandArgs(trailingOnly = TRUE)
infile <- args[1]; outfile <- args[2]
R_REF <- as.integer(args[3]); RUNS_REF <- as.integer(args[4])
R_SE <- as.integer(args[5]); RUNS_SE <- as.integer(args[6])
SEED <- 20241001L
LEVEL <- 0.95
TYPES <- c("norm", "stud", "perc", "basic")

stat_fn <- function(d, i) {
  x <- d[i]
  c(mean(x), var(x) / length(x))
}

one_run <- function(x, R, seed) {
  set.seed(seed)
  b <- boot(x, stat_fn, R = R)
  ci <- boot.ci(b, conf = LEVEL, type = TYPES)
  c(norm = ci$normal[2:3], stud = ci$student[4:5],
    perc = ci$percent[4:5], basic = ci$basic[4:5])
}

num <- function(v) if (is.finite(v)) sprintf("%.17g", v) else "null"
jstr <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")

conv <- list(
  norm = "R boot norm.ci: bias-corrected normal interval (2*t0 - mean(t*)) -/+ qnorm((1+L)/2) * sd(t*), sd with n-1 denominator (var(t*))",
  stud = "R boot stud.ci: z* = (t* - t0)/sqrt(v*), v* = var(resample)/n (n-1 denominator inside var); interval t0 - sqrt(v0) * z*_(hi), t0 - sqrt(v0) * z*_(lo), z* quantiles at (1+L)/2 and (1-L)/2 by norm.inter",
  perc = "R boot perc.ci: quantiles of t* at (1-L)/2 and (1+L)/2 by norm.inter: rk=(R+1)*alpha; integer rk -> t*_(rk); else interpolation between t*_(k), t*_(k+1), k=trunc(rk), linear in qnorm scale: t*_(k) + (qnorm(alpha)-qnorm(k/(R+1)))/(qnorm((k+1)/(R+1))-qnorm(k/(R+1))) * (t*_(k+1)-t*_(k))",
  basic = "R boot basic.ci: 2*t0 - (norm.inter quantiles of t* at (1+L)/2, (1-L)/2)")

lines <- readLines(infile)
cases <- character(0)
seed_base <- SEED
for (ln in lines) {
  parts <- strsplit(ln, " ")[[1]]
  name <- parts[1]; x <- as.numeric(parts[-1])
  ref <- matrix(NA_real_, RUNS_REF, 8)
  for (r in seq_len(RUNS_REF)) ref[r, ] <- one_run(x, R_REF, seed_base + r)
  se <- matrix(NA_real_, RUNS_SE, 8)
  for (r in seq_len(RUNS_SE)) se[r, ] <- one_run(x, R_SE, seed_base + 1000L + r)
  seed_base <- seed_base + 10000L
  refm <- colMeans(ref); sds <- apply(se, 2, sd)
  for (ti in seq_along(TYPES)) {
    lo <- 2 * ti - 1; hi <- 2 * ti
    cases <- c(cases, paste0("{",
      jstr("name"), ":", jstr(paste0(name, "-mean-", TYPES[ti], "-R")), ",",
      jstr("dataset"), ":", jstr(name), ",",
      jstr("x"), ":[", paste(sprintf("%.17g", x), collapse = ","), "],",
      jstr("statistic"), ":", jstr("mean"), ",",
      jstr("method"), ":", jstr(TYPES[ti]), ",",
      jstr("level"), ":", num(LEVEL), ",",
      jstr("B"), ":", R_SE, ",",
      jstr("reference"), ":{", jstr("low"), ":", num(refm[lo]), ",", jstr("high"), ":", num(refm[hi]), "},",
      jstr("mcSE"), ":{", jstr("low"), ":", num(sds[lo]), ",", jstr("high"), ":", num(sds[hi]), "},",
      jstr("referenceRuns"), ":", RUNS_REF, ",", jstr("referenceB"), ":", R_REF, ",",
      jstr("mcSERuns"), ":", RUNS_SE, ",",
      jstr("tool"), ":", jstr("R boot"), ",",
      jstr("toolVersion"), ":", jstr(paste0(R.version.string, "; boot ", as.character(packageVersion("boot")))), ",",
      jstr("conventions"), ":", jstr(paste0(conv[[TYPES[ti]]],
        "; statistic(d, i) = c(mean(d[i]), var(d[i])/length(i)); boot(x, statistic, R); boot.ci(conf=0.95, type=c('norm','stud','perc','basic'))")),
      "}"))
  }
}
writeLines(paste0("[", paste(cases, collapse = ",\n"), "]"), outfile)
