# Generates quantiles.json: R quantile() types 1..9 on synthetic samples.
# Regenerate (from this folder):  Rscript generate_quantiles.R
# Writes JSON by hand (no jsonlite): numbers via sprintf("%.17g"); sample
# values are rounded to 3 decimals and written with "%.3f" (checked to
# round-trip to the same double).

BASE_SEED <- 20240601L
PROBS <- c(0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1)

gen_shape <- function(shape, n) {
  v <- switch(shape,
    "lognormal"      = rlnorm(n, log(60), 0.35),
    "lognormal-wide" = rlnorm(n, log(60), 0.8),
    "bimodal"        = {
      comp <- runif(n) < 0.7
      a <- rnorm(n, 60, 5); b <- rnorm(n, 140, 15)
      abs(ifelse(comp, a, b))
    },
    "heavy-tail"     = 40 + 10 * runif(n)^(-1 / 1.5),   # 40 + Pareto(shape 1.5, scale 10)
    "ties"           = round(rlnorm(n, log(60), 0.35)), # integer ms -> many ties
    stop("unknown shape"))
  round(v, 3)
}

num <- function(v) {
  if (!is.finite(v)) stop("non-finite value in quantile output")
  sprintf("%.17g", v)
}
xfmt <- function(v) {
  s <- sprintf("%.3f", v)
  stopifnot(all(as.numeric(s) == v))   # exact round-trip of the 3-decimal data
  s <- sub("0+$", "", s); s <- sub("\\.$", "", s)
  stopifnot(all(as.numeric(s) == v))
  s
}
arr <- function(s) paste0("[", paste(s, collapse = ","), "]")
jstr <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")

# Guard: for types 1-3, R 4.2 has no floating-point fuzz (R >= 4.4 adds one).
# Make sure n*p (and n*p - 0.5) is computed exactly for every (n, p) used, so
# the fixture does not depend on the R version.  probs have 2 decimals.
check_exact <- function(n) {
  k <- round(PROBS * 100)
  for (i in seq_along(PROBS)) {
    exact_int <- (n * k[i]) %% 100 == 0
    if (exact_int) stopifnot(n * PROBS[i] == n * k[i] / 100)
  }
}

cases <- list()
add_case <- function(name, x, seed) {
  check_exact(length(x))
  hf <- character(0)
  for (type in 1:9) {
    q <- quantile(x, PROBS, type = type, names = FALSE)
    hf <- c(hf, paste0(jstr(as.character(type)), ":", arr(vapply(q, num, ""))))
  }
  seed_s <- if (is.null(seed)) "null" else as.character(seed)
  cases[[length(cases) + 1]] <<- paste0(
    "{", jstr("name"), ":", jstr(name), ",",
    jstr("seed"), ":", seed_s, ",",
    jstr("n"), ":", length(x), ",",
    jstr("x"), ":", arr(xfmt(x)), ",",
    jstr("probs"), ":", arr(vapply(PROBS, num, "")), ",",
    jstr("hf"), ":{", paste(hf, collapse = ","), "}}")
}

shapes <- c("lognormal", "lognormal-wide", "bimodal", "heavy-tail", "ties")
sizes <- c(10L, 30L, 100L, 1000L)
seed <- BASE_SEED
for (shape in shapes) {
  for (n in sizes) {
    seed <- seed + 1L
    set.seed(seed)
    x <- sort(gen_shape(shape, n))
    add_case(sprintf("%s-n%d", shape, n), x, seed)
  }
}
# the single n = 10000 case
seed <- seed + 1L; set.seed(seed)
add_case("lognormal-n10000", sort(gen_shape("lognormal", 10000L)), seed)

# unsorted case: same generator, left in generation order (R sorts internally)
seed <- seed + 1L; set.seed(seed)
xu <- gen_shape("lognormal", 30L)
stopifnot(is.unsorted(xu))
add_case("lognormal-n30-unsorted", xu, seed)
seed <- seed + 1L; set.seed(seed)
xu <- gen_shape("ties", 30L)
stopifnot(is.unsorted(xu))
add_case("ties-n30-unsorted", xu, seed)

# tiny edge cases
add_case("n1", c(67), NULL)
seed <- seed + 1L; set.seed(seed)
add_case("n2", gen_shape("lognormal", 2L), seed)
seed <- seed + 1L; set.seed(seed)
add_case("n3", gen_shape("lognormal", 3L), seed)
add_case("n2-tie", c(67, 67), NULL)
add_case("n3-ties", c(71.5, 67, 71.5), NULL)
add_case("constant-n35", rep(67, 35), NULL)

gen <- sprintf("generate_quantiles.R; %s; stats::quantile(x, probs, type=k, names=FALSE)",
               R.version.string)
out <- paste0("{", jstr("generator"), ":", jstr(gen), ",\n",
  jstr("note"), ":", jstr(sprintf(
    "synthetic data generated with seed %d (case i uses set.seed(%d + i), recorded per case as \"seed\"; R's default Mersenne-Twister/Inversion RNG) for tests; not real measurements",
    BASE_SEED, BASE_SEED)), ",\n",
  jstr("definition"), ":", jstr("hf[k][i] = R quantile(x, probs[i], type = k, names = FALSE) (Hyndman & Fan 1996 types 1-9); x is the input sample (sorted unless the name ends in -unsorted); values rounded to 3 decimals"), ",\n",
  jstr("cases"), ":[\n", paste(unlist(cases), collapse = ",\n"), "\n]}\n")
writeLines(out, "quantiles.json", sep = "")
cat("wrote quantiles.json with", length(cases), "cases\n")
