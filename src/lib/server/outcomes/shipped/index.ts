import type { Questionnaire } from '@medplum/fhirtypes';
import { ZScoringSpec, type ScoringSpec } from '../scoring-spec';
import { licensedSpecs } from './licensed-specs';
import { recoveryCheckin } from './recovery-checkin';
import { sessionFeedback } from './session-feedback';

/** Every scoring specification Kith ships, for matching an imported standard instrument. */
export const shippedSpecs: readonly ScoringSpec[] = licensedSpecs.map((s) => ZScoringSpec.parse(s));

/** Kith's own questionnaires, available to every site. */
export const ownInstruments: readonly Questionnaire[] = [recoveryCheckin, sessionFeedback];
