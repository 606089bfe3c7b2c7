import cliProgress from 'cli-progress';

export interface Progress {
  /** `total` when it has become known better since the start. */
  update(done: number, counts: Record<string, number>, total?: number): void;
  stop(): void;
}

/** A progress bar on a terminal; silence when output goes to a file or a pipe. */
export function progressBar(total: number, unit: string): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `{bar} {percentage}% | {value}/{total} ${unit} | {recorded} done, {rejected} rejected | {speed}/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { recorded: 0, rejected: 0, speed: 0 });
  return {
    update: (done, counts, total) => {
      if (total !== undefined && total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done, { ...counts, speed: Math.round((counts['recorded'] ?? 0) / Math.max(0.001, (Date.now() - started) / 1000)) });
    },
    stop: () => bar.stop(),
  };
}
