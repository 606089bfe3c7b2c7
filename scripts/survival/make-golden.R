# Writes the golden fixtures of libs/survival: R's answers for a set of datasets, one JSON file each,
# into test/fixtures/survival/. Run from the repository root:
#     Rscript scripts/survival/make-golden.R
# The spec libs/survival/src/golden.spec.ts compares every number with libs/survival to 1e-9.
# Each file records the R and survival versions it was made with.

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)[1])
here <- dirname(normalizePath(script))
source(file.path(here, "survival-figures.R"))
out_dir <- file.path(here, "..", "..", "test", "fixtures", "survival")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

write_golden <- function(name, description, time, status, group = NULL, times = numeric(0), tau = NULL,
                         conf.int = 0.95, probs = c(0.25, 0.5, 0.75)) {
  figures <- survival_figures(time, status, group, times = times, tau = tau, probs = probs, conf.int = conf.int)
  golden <- c(list(name = name, description = description, generator = "scripts/survival/make-golden.R"), figures)
  writeLines(to_json(golden), file.path(out_dir, paste0(name, ".json")))
  cat("wrote", name, "\n")
}

write_golden("aml", "survival::aml (acute myelogenous leukaemia, maintenance chemotherapy): 23 patients, 2 groups, ties.",
  aml$time, aml$status, as.character(aml$x), times = c(0, 12, 24, 36, 60, 200), tau = 40)

write_golden("aml-conf-90", "survival::aml with 90% confidence limits.",
  aml$time, aml$status, as.character(aml$x), times = c(5, 30), tau = 100, conf.int = 0.90)

# lung$status is 1 = censored, 2 = dead.
write_golden("lung-sex", "survival::lung (NCCTG advanced lung cancer), 228 patients, by sex; many ties; times past the end.",
  lung$time, lung$status - 1, ifelse(lung$sex == 1, "male", "female"), times = c(0, 180, 365, 730, 1022, 2000), tau = 730,
  probs = c(0.1, 0.25, 0.5, 0.75, 0.9))

ecog <- lung[!is.na(lung$ph.ecog), ]
write_golden("lung-ecog", "survival::lung by ECOG performance score (0-3, the one NA dropped): 4 groups, one with a single subject.",
  ecog$time, ecog$status - 1, as.character(ecog$ph.ecog), times = c(100, 365), tau = 500)

# Seed 000: the project's reconstruction (test/fixtures/seed-000.ndjson) of the 8-patient cohort, EFS
# from the first infusion in 30-day months. The paper publishes 24/35 at 12 months and 18/35 at 24.
efs_days <- c(178, 196, 250, 301, 512, 560, 771, 860)
write_golden("seed-000-efs",
  paste("Seed 000 EFS (A RECONSTRUCTION, as test/fixtures/seed-000.ndjson): 8 patients, 4 events, months = days / 30;",
        "one censored before the first event, one between the first and second (both before 12),",
        "the third between 12 and 24 with 4 at risk, the fourth after 24: S(12) = 24/35, S(24) = 18/35."),
  efs_days / 30, c(0, 1, 0, 1, 1, 0, 1, 0), times = c(12, 24), tau = 24)

write_golden("ties", "Hand-made: events and censorings tied at the same times, in two groups.",
  c(1, 1, 1, 2, 2, 3, 3, 3, 3, 5, 5, 8, 8, 8, 13),
  c(1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1),
  c("a", "b", "a", "b", "b", "a", "a", "b", "b", "a", "b", "a", "b", "a", "b"), times = c(1, 3, 4, 8, 13), tau = 10)

write_golden("time-zero", "Hand-made: events and a censoring at time 0.",
  c(0, 0, 0, 1, 2, 2, 4, 6), c(1, 1, 0, 1, 0, 1, 1, 0), c("x", "y", "x", "y", "x", "y", "x", "y"),
  times = c(0, 1, 3, 6), tau = 5)

write_golden("all-censored", "Hand-made: nobody has an event (flat curve at 1; log-rank df = -1, p = NaN as R).",
  c(2, 3, 3, 7, 9), c(0, 0, 0, 0, 0), c("p", "q", "p", "q", "p"), times = c(1, 5, 9), tau = 8)

write_golden("group-without-events", paste("Hand-made: group 'late' has subjects at risk but no event; group 'early' is all",
  "censored before the first event (expected 0: it leaves the test, df drops)."),
  c(1, 1.5, 3, 4, 5, 6, 7, 8, 9, 10), c(0, 0, 1, 0, 1, 0, 1, 0, 0, 1),
  c("early", "early", "mid", "late", "mid", "late", "mid", "late", "late", "mid"), times = c(2, 6), tau = 9)

write_golden("reaches-zero", "Hand-made: the last subject has an event, the curve reaches 0 (limits NA there).",
  c(1, 2, 2, 3, 4), c(1, 1, 0, 1, 1), c("u", "v", "u", "v", "u"), times = c(0.5, 2.5, 4, 5), tau = 6,
  probs = c(0.25, 0.5, 0.75, 1))

write_golden("single-event", "One subject, with an event.", 4, 1, times = c(1, 4, 8), tau = 10)
write_golden("single-censored", "One subject, censored.", 4, 0, times = c(1, 4), tau = 3)

write_golden("tau-before-first", "Hand-made: tau = 2 before the first time 5 (rmean = tau, se = 0; print() refuses such a tau).",
  c(5, 6, 8, 9, 12), c(1, 0, 1, 1, 0), times = c(1, 7), tau = 2)

write_golden("median-half-plateau", "Hand-made: the curve is exactly 1/2 from 2 to 5: the median is the midpoint 3.5.",
  c(1, 2, 5, 6), c(1, 1, 1, 1), times = c(3), tau = 6)

write_golden("median-ends-at-half", paste("Hand-made: the curve ends flat at 1/2: print() gives 2,",
  "quantile() gives (2 + 4) / 2 = 3."), c(1, 2, 3, 4), c(1, 1, 0, 0), times = c(2), tau = 4)

write_golden("near-ties", "Hand-made: times equal up to rounding (0.1 + 0.2 vs 0.3, 1 vs 1 + 1e-10) are one time in R (timefix).",
  c(0.1 + 0.2, 0.3, 1, 1 + 1e-10, 2, 2.5, 1 + 2e-10, 3), c(1, 0, 1, 1, 0, 1, 1, 0), c("g", "h", "g", "h", "g", "h", "g", "h"),
  times = c(0.3, 1, 3), tau = 3)

write_golden("singular-log-rank", "Two subjects, one per group, both with an event at the same time: R's survdiff stops (singular variance).",
  c(3, 3), c(1, 1), c("a", "b"), times = c(3), tau = 3)

# The distributions behind the p-value and the limits.
x <- c(1e-10, 1e-4, 0.01, 0.1, 0.5, 1, 1.5, 2, 3, 3.841458820694124, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 400, 700, 1000, 1400)
grid <- expand.grid(x = x, df = 1:8)
p <- c(1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.425, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 1 - 1e-10)
writeLines(to_json(list(
  name = "distributions", generator = "scripts/survival/make-golden.R", versions = versions(),
  chisq = list(x = I(grid$x), df = I(grid$df), upper = I(pchisq(grid$x, grid$df, lower.tail = FALSE))),
  gamma = list(a = I(rep(c(0.5, 2.5, 7, 30), each = 5)), x = I(rep(c(0.2, 2, 8, 31, 90), 4)),
               lower = I(pgamma(rep(c(0.2, 2, 8, 31, 90), 4), rep(c(0.5, 2.5, 7, 30), each = 5)))),
  qnorm = list(p = I(p), z = I(qnorm(p)))
)), file.path(out_dir, "distributions.json"))
cat("wrote distributions\n")
