import type { SqlExecutor } from '@app/event-store';
import { activeTables, type ViewTables } from './generations.js';

/**
 * The active generation's tables as last read, for at most `maxAgeMs`: a query path that reads a
 * view per request need not ask every time. Reading the generation a rebuild has just replaced is
 * harmless for that long: its tables are kept, and a view read from them is checked against the
 * stream's revision like any other.
 */
export class ActiveTablesCache {
  private readonly known = new Map<string, { tables: Promise<ViewTables>; at: number }>();

  constructor(
    private readonly db: SqlExecutor,
    private readonly maxAgeMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(projection: string): Promise<ViewTables> {
    const hit = this.known.get(projection);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.tables;
    const tables = activeTables(this.db, projection);
    this.known.set(projection, { tables, at: this.now() });
    tables.catch(() => this.known.delete(projection)); // a failed read is not remembered
    return tables;
  }
}
