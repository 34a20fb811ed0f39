import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getSafetyAlert } from '$lib/server/safety/get-safety-alert';
import { acknowledgeSafetyAlert } from '$lib/server/safety/acknowledge-safety-alert';
import {
	careSteps,
	recordCareStep,
	welfareOutcomes,
	ZCareStepForm
} from '$lib/server/safety/record-care-step';
import {
	closeOutcomes,
	closeSafetyAlert,
	ZCloseAlertInput
} from '$lib/server/safety/close-safety-alert';
import {
	hideAlertContent,
	ZHideAlertContentInput
} from '$lib/server/moderation/hide-alert-content';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import { z } from 'zod';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await getSafetyAlert({
		db: locals.app.db,
		secret: locals.app.config.secret,
		actor,
		input: params
	}).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	const when = (d: Date | null) => (d ? formatDateTime(d, locals.locale, zone) : null);
	const { alert } = view;
	const open = alert.status !== 'closed' && view.view === 'full';
	return {
		view: view.view,
		alert: {
			id: alert.id,
			status: alert.status,
			source: alert.source,
			reason: alert.reason,
			outcome: alert.outcome,
			escalationLevel: alert.escalationLevel,
			when: when(alert.createdAt),
			due: when(alert.dueBy),
			acknowledged: when(alert.acknowledgedAt),
			closed: when(alert.closedAt)
		},
		person: view.person,
		group: view.group,
		content: view.content,
		holders: view.holders,
		events: view.events.map((e) => ({ ...e, at: null, when: when(e.at) })),
		may: {
			acknowledge: view.view === 'full' && alert.status === 'open',
			care: open,
			tellFacilitator: open && !!view.group,
			close: open,
			moderate: open && !!view.content
		},
		careSteps: [...careSteps],
		welfareOutcomes: [...welfareOutcomes],
		closeOutcomes: [...closeOutcomes]
	};
};

export const actions: Actions = {
	acknowledge: formAction(
		z.object({}),
		(_input, { locals, params }) =>
			acknowledgeSafetyAlert({ db: locals.app.db, actor: locals.actor, input: params }),
		{ done: 'salert_acknowledged' }
	),
	care: formAction(
		ZCareStepForm,
		(data, { locals, params }) =>
			recordCareStep({
				app: locals.app,
				actor: locals.actor,
				input: { ...data, alertId: params.alertId }
			}),
		{ done: 'salert_step_recorded' }
	),
	close: formAction(
		ZCloseAlertInput.omit({ alertId: true }),
		(data, { locals, params }) =>
			closeSafetyAlert({
				app: locals.app,
				actor: locals.actor,
				input: { ...data, alertId: params.alertId }
			}),
		{ done: 'salert_closed' }
	),
	moderate: formAction(
		ZHideAlertContentInput.omit({ alertId: true }),
		(data, { locals, params }) =>
			hideAlertContent({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...data, alertId: params.alertId }
			}),
		{ done: 'salert_moderated' }
	)
};
