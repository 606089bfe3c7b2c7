import type { CourseRecord } from '../course-record.js';
import { datedFacts, type DatedFact } from './dated-facts.js';
import { LineDraft } from './line-draft.js';
import { DEFAULT_LINE_RULES, type LineRules } from './line-rules.js';
import type { LinesOfTherapy } from './line-of-therapy.js';
import { patientState } from './patient-state.js';
import { regimenOf } from './regimen-names.js';
import { therapyUnits, unitFacts, type TherapyUnit } from './therapy-units.js';

/**
 * A patient's lines of therapy and current state. The record is walked in clinical order: each
 * unit of anticancer therapy either continues the current line or opens the next one, and each
 * assessment, relapse, progression or death is read against the line it falls in. Facts between
 * a failed line and the next therapy belong to no line. Pure and deterministic.
 */
export function deriveLinesOfTherapy(record: CourseRecord, rules: LineRules = DEFAULT_LINE_RULES): LinesOfTherapy {
  const facts = datedFacts(record);
  const units = therapyUnits(facts);
  const unitAt = new Map(units.map((u) => [u.order, u]));
  const inUnits = new Set(units.flatMap((u) => unitFacts(u).map((f) => f.order)));
  const lines: LineDraft[] = [];
  for (const fact of facts) {
    const unit = unitAt.get(fact.order);
    if (unit) place(unit, lines, rules);
    else if (!inUnits.has(fact.order)) follow(lines.at(-1), fact, rules);
  }
  const last = facts.at(-1);
  const currentState = patientState(facts);
  return {
    patientId: record.patientId,
    lines: last ? lines.map((l, i) => l.toLine(i + 1, last)) : [],
    ...(currentState && { currentState }),
    rulesApplied: rules,
  };
}

/** Puts a unit of therapy in the current line or opens a new one, by the rules. */
function place(unit: TherapyUnit, lines: LineDraft[], rules: LineRules): void {
  const last = lines.at(-1);
  const running = last && !last.ended ? last : undefined;
  // After a relapse, refractoriness, progression or death any therapy is a new line.
  const decision = running ? decide(unit, running, rules) : 'open';
  if (decision === 'join') return running?.add(unit);
  if (decision === 'consolidate') return running?.consolidate(unit);
  const first = unitFacts(unit)[0];
  if (running && first) running.supersede(first);
  const line = new LineDraft(unit.on, running?.inRemission ?? false);
  line.add(unit);
  lines.push(line);
}

function decide(unit: TherapyUnit, current: LineDraft, rules: LineRules): 'join' | 'consolidate' | 'open' {
  const change = rules.drugChangeWithoutFailure === 'stays-in-line' ? 'join' : 'open';
  switch (unit.kind) {
    case 'hsct': {
      if (rules.hsct === 'own-line') return 'open';
      const consolidates = rules.hsct === 'consolidates-line-in-remission' || current.kind === 'car-t';
      return current.inRemission && consolidates ? 'consolidate' : change;
    }
    case 'chemotherapy': {
      const { regimen, intent } = unit.course.data;
      if (current.holds('chemotherapy', regimen)) return 'join';
      return current.inRemission && rules.plannedContinuationIntents.includes(intent) ? 'join' : change;
    }
    case 'car-t': {
      const product = regimenOf(unit.infusion);
      return product && current.holds('car-t', product.name) ? 'join' : change;
    }
  }
}

/** Reads a disease fact against the current line; a line that has ended takes nothing more. */
function follow(line: LineDraft | undefined, fact: DatedFact, rules: LineRules): void {
  if (!line || line.ended) return;
  switch (fact.type) {
    case 'ResponseAssessed':
      return line.assess(fact, rules);
    case 'RelapseRecorded':
      return line.fail('relapse', fact);
    case 'DiseaseProgressed':
      return line.fail(fact.data.refractory ? 'refractory' : 'progression', fact);
    case 'DeathRecorded':
      return line.die(fact);
    default:
      return;
  }
}
