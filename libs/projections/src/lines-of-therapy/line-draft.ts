import type { PartialDate } from '@app/domain';
import { deeper, isOverall, isRemission, responseOf, type Assessment } from './best-response.js';
import type { DatedFact } from './dated-facts.js';
import type { ChemotherapyIntent, LineRules } from './line-rules.js';
import type { BestResponse, LineEndReason, LineKind, LineOfTherapy, LineOutcome, RegimenGiven, TherapyModality } from './line-of-therapy.js';
import { unitFacts, type TherapyUnit } from './therapy-units.js';
import { regimenOf } from './regimen-names.js';

interface RegimenTally {
  readonly name: string;
  readonly modality: TherapyModality;
  readonly start: PartialDate;
  readonly intents: Set<ChemotherapyIntent>;
  readonly eventIds: string[];
}

/** A line while the record is walked: what it holds so far, whether it is in remission, how it ended. */
export class LineDraft {
  private readonly regimens = new Map<string, RegimenTally>();
  private readonly consolidations = new Map<string, RegimenTally>();
  private readonly facts: DatedFact[] = [];
  private best: BestResponse | undefined;
  private outcome: LineOutcome | undefined;
  /** Disease found while bridging to an infusion is what the infusion treats: it ends nothing before it. */
  private infusionAt = -1;
  private everInRemission: boolean;

  /**
   * A line begun in remission (one that follows another with no failure between, e.g. an HSCT
   * counted as its own line) starts in remission: its planned consolidation is planned, and
   * disease coming back is a relapse.
   */
  constructor(
    readonly start: PartialDate,
    public inRemission: boolean,
  ) {
    this.everInRemission = inRemission;
  }

  get ended(): boolean {
    return this.outcome !== undefined;
  }

  get kind(): LineKind {
    const modalities = new Set([...this.regimens.values()].map((r) => r.modality));
    return modalities.has('car-t') ? 'car-t' : modalities.has('hsct') ? 'hsct' : 'chemotherapy';
  }

  /** Whether the line already holds this regimen, so that more of it is a planned repeat. */
  holds(modality: TherapyModality, name: string): boolean {
    return this.regimens.has(key(modality, name));
  }

  add(unit: TherapyUnit): void {
    this.tally(this.regimens, unit);
    if (unit.kind === 'car-t') this.infusionAt = unit.infusion.order;
  }

  consolidate(unit: TherapyUnit): void {
    this.tally(this.consolidations, unit);
  }

  assess(a: Assessment, rules: LineRules): void {
    this.facts.push(a);
    if (!isOverall(a)) return;
    const { result } = a.data;
    this.best = deeper(this.best, responseOf(a));
    this.inRemission = isRemission(result);
    this.everInRemission ||= this.inRemission;
    // Disease back after a remission reached in this line is a relapse, whatever the record called it.
    if (!this.inRemission && rules.refractoryResults.includes(result)) this.close(this.everInRemission ? 'relapse' : 'refractory', a);
  }

  /** A relapse or progression: part of the line's story, and the end of it. */
  fail(reason: 'relapse' | 'progression' | 'refractory', fact: DatedFact): void {
    this.facts.push(fact);
    this.close(reason, fact);
  }

  /** Death ends the line, even one still waiting for its infusion. */
  die(fact: DatedFact): void {
    this.facts.push(fact);
    this.settle('death', fact);
  }

  /** Another line began with no failure in between; its first fact decides. */
  supersede(fact: DatedFact): void {
    this.settle('next-line', fact);
  }

  private close(reason: 'relapse' | 'progression' | 'refractory', fact: DatedFact): void {
    if (fact.order > this.infusionAt) this.settle(reason, fact);
  }

  private settle(reason: Exclude<LineEndReason, 'ongoing'>, fact: DatedFact): void {
    this.outcome ??= { reason, on: fact.on, eventId: fact.eventId };
  }

  /** The finished line; one still open is ongoing as of the record's last fact. */
  toLine(number: number, last: DatedFact): LineOfTherapy {
    const outcome = this.outcome ?? { reason: 'ongoing', on: last.on, eventId: last.eventId };
    const regimens = [...this.regimens.values()].map(given);
    return {
      number,
      kind: this.kind,
      regimens,
      intents: [...new Set(regimens.flatMap((r) => r.intents))],
      start: this.start,
      ...(outcome.reason !== 'ongoing' && { end: outcome.on }),
      consolidation: [...this.consolidations.values()].map(given),
      ...(this.best && { bestResponse: this.best }),
      outcome,
      eventIds: [...this.facts].sort((a, b) => a.order - b.order).map((f) => f.eventId),
    };
  }

  private tally(into: Map<string, RegimenTally>, unit: TherapyUnit): void {
    for (const fact of unitFacts(unit)) {
      const regimen = regimenOf(fact);
      if (!regimen) continue;
      const k = key(regimen.modality, regimen.name);
      const tally = into.get(k) ?? { ...regimen, start: fact.on, intents: new Set<ChemotherapyIntent>(), eventIds: [] };
      if (regimen.intent) tally.intents.add(regimen.intent);
      tally.eventIds.push(fact.eventId);
      into.set(k, tally);
      this.facts.push(fact);
    }
  }
}

const key = (modality: TherapyModality, name: string): string => `${modality}:${name.trim().toLowerCase()}`;

const given = (t: RegimenTally): RegimenGiven => ({
  name: t.name,
  modality: t.modality,
  courses: t.eventIds.length,
  intents: [...t.intents],
  start: t.start,
  eventIds: t.eventIds,
});
