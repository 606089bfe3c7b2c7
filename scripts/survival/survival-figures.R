# What R's survival package says about one dataset: the figures libs/survival must reproduce.
# Sourced by survfit.R (one CSV, for the oracle test and the benchmark) and by make-golden.R (the
# committed fixtures). Needs only base R and the survival package (a recommended package, shipped
# with R). Numbers are written with 17 significant digits; NA, NaN, Inf are written as strings.

suppressPackageStartupMessages(library(survival))

json_number <- function(x) {
  ifelse(is.na(x) & !is.nan(x), '"NA"',
    ifelse(is.nan(x), '"NaN"',
      ifelse(is.infinite(x), ifelse(x > 0, '"Inf"', '"-Inf"'), sprintf("%.17g", x))))
}
json_string <- function(x) {
  x <- gsub("\\\\", "\\\\\\\\", x)
  x <- gsub('"', '\\\\"', x)
  paste0('"', x, '"')
}
# Named lists are objects, unnamed lists arrays; atomic vectors are arrays unless of length one and
# not wrapped in I().
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    inner <- vapply(x, to_json, character(1))
    if (!is.null(names(x))) return(paste0("{", paste0(json_string(names(x)), ":", inner, collapse = ","), "}"))
    return(paste0("[", paste(inner, collapse = ","), "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  x <- unclass(x)
  values <- if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
    else if (is.numeric(x)) json_number(as.numeric(x))
    else json_string(as.character(x))
  if (as_array) paste0("[", paste(values, collapse = ","), "]") else values
}

# list() keeps NULL members; JSON objects here leave them out instead.
compact <- function(l) l[!vapply(l, is.null, logical(1))]

versions <- function() list(r = R.version.string, survival = as.character(packageVersion("survival")))

attempt <- function(expr) tryCatch(expr, error = function(e) list(error = conditionMessage(e)))

curve_table <- function(fit) {
  compact(list(
    time = I(fit$time), n.risk = I(fit$n.risk), n.event = I(fit$n.event), n.censor = I(fit$n.censor),
    surv = I(fit$surv), std.err = I(fit$std.err * fit$surv), std.err.log = I(fit$std.err),
    lower = if (is.null(fit$lower)) NULL else I(fit$lower), upper = if (is.null(fit$upper)) NULL else I(fit$upper)
  ))
}

# print(fit)'s median and limits (survival:::survmean, as print.survfit calls it).
print_median <- function(fit) {
  m <- survival:::survmean(fit, scale = 1, rmean = "none")$matrix
  compact(list(median = unname(m["median"]),
       lower = if (is.null(fit$lower)) NULL else unname(m[paste0(fit$conf.int, "LCL")]),
       upper = if (is.null(fit$upper)) NULL else unname(m[paste0(fit$conf.int, "UCL")])))
}

quantiles <- function(fit, probs) {
  q <- quantile(fit, probs = probs)
  if (is.list(q)) list(p = I(probs), time = I(unname(q$quantile)), lower = I(unname(q$lower)), upper = I(unname(q$upper)))
  else list(p = I(probs), time = I(unname(q)))
}

at_times <- function(fit, times, extend) attempt({
  s <- summary(fit, times = times, extend = extend)
  compact(list(time = I(s$time), n.risk = I(s$n.risk), n.event = I(s$n.event), n.censor = I(s$n.censor),
       surv = I(s$surv), std.err = I(s$std.err),
       lower = if (is.null(s$lower)) NULL else I(s$lower), upper = if (is.null(s$upper)) NULL else I(s$upper)))
})

# survmean is what print(fit, rmean = tau) shows; called directly it also answers for tau before
# the first time, where print() refuses.
restricted_mean <- function(fit, rmean) {
  r <- survival:::survmean(fit, scale = 1, rmean = rmean)
  list(tau = unname(r$end.time[1]), rmean = unname(r$matrix["rmean"]), se = unname(r$matrix["se(rmean)"]))
}

log_rank <- function(time, status, g) attempt({
  d <- survdiff(Surv(time, status) ~ g)
  e <- d$exp
  list(groups = I(levels(g)), n = I(as.vector(d$n)), observed = I(as.vector(d$obs)), expected = I(as.vector(e)),
       variance = lapply(seq_len(nrow(d$var)), function(i) I(d$var[i, ])),
       chisq = d$chisq, df = sum(e > 0) - 1, pvalue = d$pvalue)
})

# Everything libs/survival computes for one dataset. `group` may be NULL.
survival_figures <- function(time, status, group = NULL, times = numeric(0), tau = NULL,
                             probs = c(0.25, 0.5, 0.75), conf.int = 0.95) {
  curves <- list()
  for (type in c("log", "log-log", "plain", "none")) {
    fit <- survfit(Surv(time, status) ~ 1, conf.type = type, conf.int = conf.int)
    curves[[type]] <- compact(list(
      table = curve_table(fit), median = print_median(fit), quantiles = quantiles(fit, probs),
      at = if (length(times)) at_times(fit, times, FALSE) else NULL,
      at.extended = if (length(times)) at_times(fit, times, TRUE) else NULL
    ))
  }
  fit <- survfit(Surv(time, status) ~ 1, conf.int = conf.int)
  reverse <- survfit(Surv(time, 1 - status) ~ 1, conf.int = conf.int)
  out <- compact(list(
    versions = versions(), conf.int = conf.int, times = I(times), probs = I(probs),
    data = compact(list(time = I(time), status = I(status), group = if (is.null(group)) NULL else I(as.character(group)))),
    curves = curves,
    rmean.common = restricted_mean(fit, "common"),
    rmean.tau = if (is.null(tau)) NULL else restricted_mean(fit, tau),
    reverse = list(table = curve_table(reverse), median = print_median(reverse))
  ))
  if (!is.null(group)) {
    g <- factor(group, levels = sort(unique(as.character(group)), method = "radix"))
    byfit <- survfit(Surv(time, status) ~ g, conf.int = conf.int)
    out$by.group <- lapply(seq_along(levels(g)), function(i) {
      f <- byfit[i]
      list(group = levels(g)[i], table = curve_table(f), median = print_median(f))
    })
    out$log.rank <- log_rank(time, status, g)
  }
  out
}
