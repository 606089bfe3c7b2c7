import { openStorage } from '@app/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { replayCourses } from '../runner/replay-courses.js';
import type { CoursePassWorkerData, CoursePassWorkerMessage } from './course-pass-workers.js';
import { courseViewsProjector } from './course-views-runner.js';

// One partition of a rebuild's course pass, in a worker thread, on a connection of its own.
const { storeConfig, tables, part, pageSize } = workerData as CoursePassWorkerData;
const tell = (message: CoursePassWorkerMessage) => parentPort?.postMessage(message);
const storage = await openStorage(storeConfig);
try {
  const outcome = await replayCourses(storage.views, storage.store, tables, courseViewsProjector, part, { pageSize, onChunk: (applied) => tell({ applied }) });
  tell({ done: outcome });
} finally {
  await storage.close();
}
