// The directory's choices in the reader's language, for the member's and the admin's forms.
import { t } from '../i18n/messages';
import {
	companyPreferences,
	costLimits,
	interestCategories,
	modePreferences,
	resourceCosts,
	resourceKinds,
	resourceScopes,
	timePreferences,
	travelModes,
	type FollowUpAnswer
} from '../resources/resources.schema';

const options = <V extends string>(values: readonly V[], label: (v: V) => string) =>
	values.map((value) => ({ value, label: label(value) }));

export const categoryOptions = () => options(interestCategories, (c) => t(`res_cat_${c}`));
export const categoryLabel = (c: string): string =>
	(interestCategories as readonly string[]).includes(c)
		? t(`res_cat_${c as (typeof interestCategories)[number]}`)
		: c;
export const costLimitOptions = () => options(costLimits, (c) => t(`res_max_cost_${c}`));
export const travelOptions = () => options(travelModes, (c) => t(`res_travel_${c}`));
export const timeOptions = () => options(timePreferences, (c) => t(`res_times_${c}`));
export const modeOptions = () => options(modePreferences, (c) => t(`res_mode_${c}`));
export const companyOptions = () => options(companyPreferences, (c) => t(`res_company_${c}`));
export const kindOptions = () => options(resourceKinds, (c) => t(`res_kind_${c}`));
export const costOptions = () => options(resourceCosts, (c) => t(`res_cost_${c}`));
export const scopeOptions = () => options(resourceScopes, (c) => t(`res_scope_${c}`));
export const answerLabel = (a: FollowUpAnswer): string => t(`res_answer_${a}`);
