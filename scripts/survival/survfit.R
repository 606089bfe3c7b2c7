# Usage: Rscript scripts/survival/survfit.R data.csv [--times=1,2.5] [--tau=10] [--probs=0.25,0.5]
#                                            [--conf-level=0.95] [--bench]
# Reads a CSV with a header time,status,group (group may be empty or absent) and prints as JSON what
# R's survival package reports for it (see survival-figures.R). With --bench it prints only how long
# survfit(Surv(time, status) ~ 1) and survdiff(Surv(time, status) ~ group) took, and their headline
# numbers, so a benchmark can set libs/survival beside R on the same data.

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)[1])
source(file.path(dirname(normalizePath(script)), "survival-figures.R"))

args <- commandArgs(trailingOnly = TRUE)
option <- function(name, default = NULL) {
  hit <- grep(paste0("^--", name, "="), args, value = TRUE)
  if (length(hit)) sub(paste0("^--", name, "="), "", hit[1]) else default
}
numbers <- function(text) if (is.null(text) || text == "") numeric(0) else as.numeric(strsplit(text, ",")[[1]])
file <- args[!grepl("^--", args)][1]
if (is.na(file)) stop("usage: survfit.R data.csv [--times=..] [--tau=..] [--probs=..] [--conf-level=..] [--bench]")

columns <- names(read.csv(file, nrows = 0))
classes <- c(time = "numeric", status = "integer", group = "character")[columns]
d <- read.csv(file, colClasses = unname(classes), na.strings = character(0))
group <- if (!is.null(d$group) && any(d$group != "")) d$group else NULL
conf.int <- as.numeric(option("conf-level", "0.95"))

if ("--bench" %in% args) {
  g <- if (is.null(group)) NULL else factor(group, levels = sort(unique(group), method = "radix"))
  t0 <- proc.time()[["elapsed"]]
  fit <- survfit(Surv(d$time, d$status) ~ 1, conf.int = conf.int)
  t1 <- proc.time()[["elapsed"]]
  test <- if (is.null(g)) NULL else survdiff(Surv(d$time, d$status) ~ g)
  t2 <- proc.time()[["elapsed"]]
  m <- survival:::survmean(fit, scale = 1, rmean = "none")$matrix
  cat(to_json(list(
    versions = versions(), n = nrow(d), distinct.times = length(fit$time),
    seconds = list(survfit = t1 - t0, survdiff = t2 - t1, total = t2 - t0),
    median = unname(m["median"]), chisq = if (is.null(test)) NULL else test$chisq
  )), "\n")
} else {
  tau <- option("tau")
  cat(to_json(survival_figures(
    d$time, d$status, group,
    times = numbers(option("times")), tau = if (is.null(tau)) NULL else as.numeric(tau),
    probs = if (is.null(option("probs"))) c(0.25, 0.5, 0.75) else numbers(option("probs")),
    conf.int = conf.int
  )), "\n")
}
