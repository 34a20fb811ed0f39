import { zText } from '../validation';

/** A goal in the member's own words. */
export const zGoalText = zText(500);

/** One small SMART step. */
export const zStepText = zText(300);
