import { loadStoreEnv, openStorage, storeConfigOf } from '@app/event-store';
import { COURSE_VIEWS_PROJECTION, courseViewsPassInWorkers, courseViewsProjector, rebuildProjection } from '@app/projections';

/**
 * The rebuild in a process of its own, as `cli rebuild` runs it, so its peak memory is the
 * rebuild's and not the benchmark's (which holds the cohort it imported). Prints one JSON line.
 * Arguments: page size, and threads for the course pass (1: in the rebuild's own thread).
 */
const pageSize = Number(process.argv[2] ?? 2000);
const workers = Number(process.argv[3] ?? 1);
const config = storeConfigOf(loadStoreEnv());
const storage = await openStorage(config);
try {
  const started = performance.now();
  const { applied } = await rebuildProjection({
    ...courseViewsProjector,
    name: COURSE_VIEWS_PROJECTION,
    store: storage.store,
    sql: storage.views,
    pageSize,
    passPartitions: workers,
    ...(workers > 1 && { runCoursePass: courseViewsPassInWorkers(config) }),
  });
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(); // every thread of the process, the course pass's workers included
  console.log(JSON.stringify({ applied, seconds, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), cpuSeconds: (user + system) / 1e6 }));
} finally {
  await storage.close();
}
