import type { LoadedCourse } from './load-course.js';

/**
 * Recently used courses, each with the stream revision it was read or written at, so a command
 * need not read the stream again. A stale entry (another process wrote meanwhile) costs only a
 * conflict and a reload: every append states the revision it was decided on.
 */
export class CourseCache {
  private readonly entries = new Map<string, LoadedCourse>();

  constructor(private readonly capacity = 10_000) {}

  get(patientId: string): LoadedCourse | undefined {
    const course = this.entries.get(patientId);
    if (course) {
      this.entries.delete(patientId);
      this.entries.set(patientId, course);
    }
    return course;
  }

  set(patientId: string, course: LoadedCourse): void {
    this.entries.delete(patientId);
    this.entries.set(patientId, course);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(patientId: string): void {
    this.entries.delete(patientId);
  }
}
