import type { CourseFact } from './state.js';

/** The store a line of FactMaps shares: facts in stream order, where each id sits, and where each type's facts sit. */
interface Shared {
  readonly facts: CourseFact[];
  readonly index: Map<string, number>;
  readonly byType: Map<string, number[]>;
}

function place(byType: Map<string, number[]>, type: string, at: number): void {
  const places = byType.get(type);
  if (places) places.push(at);
  else byType.set(type, [at]);
}

/**
 * A course's facts by event id, persistent: adding a fact gives a new map and leaves the old one
 * as it was, without copying. Every version of a course shares one array and sees only its first
 * `size` entries; a fact is pushed onto the array when the version adding it is the newest, and
 * the array is copied only when an older version branches off (a command decided twice on the
 * same state) or a fact is replaced (corrections, retractions: rare). Copying the whole map for
 * every event, as a plain Map needs, made folding a long course quadratic.
 */
export class FactMap implements ReadonlyMap<string, CourseFact> {
  private constructor(
    private readonly shared: Shared,
    readonly size: number,
  ) {}

  static empty(): FactMap {
    return new FactMap({ facts: [], index: new Map(), byType: new Map() }, 0);
  }

  /** A FactMap with the given facts, in their order (any ReadonlyMap of facts). */
  static of(facts: ReadonlyMap<string, CourseFact>): FactMap {
    return facts instanceof FactMap ? facts : FactMap.fromList([...facts.values()]);
  }

  private static fromList(facts: CourseFact[]): FactMap {
    const byType = new Map<string, number[]>();
    facts.forEach((f, i) => place(byType, f.type, i));
    return new FactMap({ facts, index: new Map(facts.map((f, i) => [f.eventId, i])), byType }, facts.length);
  }

  get(eventId: string): CourseFact | undefined {
    const i = this.shared.index.get(eventId);
    return i !== undefined && i < this.size ? this.shared.facts[i] : undefined;
  }

  has(eventId: string): boolean {
    return this.get(eventId) !== undefined;
  }

  /** This map plus a fact with a new event id, at the end. */
  adding(fact: CourseFact): FactMap {
    const { facts, index, byType } = this.shared;
    if (facts.length === this.size && !index.has(fact.eventId)) {
      facts.push(fact);
      index.set(fact.eventId, this.size);
      place(byType, fact.type, this.size);
      return new FactMap(this.shared, this.size + 1);
    }
    return this.copyWith(fact);
  }

  /** This map with the fact of the same event id replaced, in its place. */
  replacing(fact: CourseFact): FactMap {
    return this.has(fact.eventId) ? this.copyWith(fact) : this;
  }

  /** A map of its own: this one's facts, with `fact` in the place of its event id or at the end. */
  private copyWith(fact: CourseFact): FactMap {
    const own = this.shared.facts.slice(0, this.size);
    const at = this.shared.index.get(fact.eventId);
    if (at !== undefined && at < this.size) own[at] = fact;
    else own.push(fact);
    return FactMap.fromList(own);
  }

  *values(): MapIterator<CourseFact> {
    for (let i = 0; i < this.size; i++) yield this.shared.facts[i] as CourseFact;
  }

  /**
   * The facts of these types, in stream order: the invariants ask for a course's deaths or
   * diagnoses on every command, which should not cost a scan of everything recorded.
   */
  ofTypes(types: readonly string[]): CourseFact[] {
    const { facts, byType } = this.shared;
    const places = types.length === 1 ? (byType.get(types[0] as string) ?? []) : types.flatMap((t) => byType.get(t) ?? []).sort((a, b) => a - b);
    const out: CourseFact[] = [];
    for (const at of places) {
      if (at >= this.size) break;
      out.push(facts[at] as CourseFact);
    }
    return out;
  }

  *keys(): MapIterator<string> {
    for (const f of this.values()) yield f.eventId;
  }

  *entries(): MapIterator<[string, CourseFact]> {
    for (const f of this.values()) yield [f.eventId, f];
  }

  [Symbol.iterator](): MapIterator<[string, CourseFact]> {
    return this.entries();
  }

  forEach(callback: (value: CourseFact, key: string, map: ReadonlyMap<string, CourseFact>) => void, thisArg?: unknown): void {
    for (const f of this.values()) callback.call(thisArg, f, f.eventId, this);
  }
}
