// The summary line of a refused form on a page of many forms, each told apart by its intent.

type Answer = {
	message?: string | undefined;
	errors?: Record<string, string> | undefined;
	values?: Record<string, unknown> | undefined;
} | null;

/**
 * The line at the top of the page for a refused form. When that form is no longer on the page
 * (without JavaScript the page is drawn afresh, and a companionship that ended meanwhile has left
 * its list), its own field message is said here instead of "check the highlighted fields".
 */
export function topMessage(
	form: Answer | undefined,
	shownIntents: readonly string[]
): string | undefined {
	const intent = form?.values?.intent;
	const detached = typeof intent === 'string' && !shownIntents.includes(intent);
	return (detached && Object.values(form?.errors ?? {})[0]) || form?.message;
}
