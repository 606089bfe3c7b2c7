/**
 * One page of $all, taken from events in log order. Events of one append may share a commit
 * position, and readers resume "after a position", so a page must never end inside such a group:
 * the next page would skip the rest of it. A page stops before a group that would cross `limit`;
 * only a group larger than `limit` on its own makes a longer page (else the reader would be stuck).
 */
export async function takeWholeCommits<T extends { readonly position: number }>(events: AsyncIterable<T>, limit: number): Promise<T[]> {
  const page: T[] = [];
  if (limit <= 0) return page;
  for await (const event of events) {
    const first = page[0];
    const last = page[page.length - 1];
    if (page.length >= limit && first !== undefined && last !== undefined) {
      if (event.position !== last.position) return page;
      if (first.position !== last.position) return page.filter((e) => e.position !== last.position);
    }
    page.push(event);
  }
  return page;
}
