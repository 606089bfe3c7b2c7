import { Inject, Injectable } from '@nestjs/common';
import { seesSite, type Caller } from '@app/access';
import { fromStored, patientStreamId, type RecordingContext } from '@app/recording';
import { RECORDING } from '../infrastructure.module.js';
import { patientNotFound } from './fact-policy.js';

const MAX_CACHED = 200_000;

/**
 * Which site each patient belongs to, for site scoping. A patient's site is fixed at enrolment (the
 * first event of its stream; corrections may not move it), so it is read once and kept.
 */
@Injectable()
export class PatientDirectory {
  private readonly sites = new Map<string, string>();

  constructor(@Inject(RECORDING) private readonly recording: RecordingContext) {}

  async siteOf(patientId: string): Promise<string | undefined> {
    const known = this.sites.get(patientId);
    if (known !== undefined) return known;
    const [first] = await this.recording.store.readStream(patientStreamId(patientId), { limit: 1 });
    if (!first) return undefined;
    const event = fromStored(first);
    const site = event.type === 'PatientEnrolled' ? event.data.siteId : undefined;
    if (site !== undefined) {
      if (this.sites.size >= MAX_CACHED) this.sites.clear();
      this.sites.set(patientId, site);
    }
    return site;
  }

  /** Whether the caller may see the patient; a patient of another site is as absent as an unknown one. */
  async visible(caller: Caller, patientId: string): Promise<boolean> {
    if (caller.sites === 'all') return true;
    return seesSite(caller, await this.siteOf(patientId));
  }

  /** Throws the same 404 an unknown patient gets when the caller may not see this one. */
  async assertVisible(caller: Caller, patientId: string): Promise<void> {
    if (!(await this.visible(caller, patientId))) throw patientNotFound(patientId);
  }
}
