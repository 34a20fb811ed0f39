// Types shared by server and browser code.

/** A crisis contact's words in one language; its numbers and website are the same in every language. */
export type CrisisContactWords = { name: string; hours?: string; description?: string };

/**
 * A crisis contact. `name`, `hours` and `description` are in the site's default language;
 * `words` holds them in other languages, by locale.
 */
export type CrisisContact = CrisisContactWords & {
	phone?: string;
	text?: string;
	url?: string;
	words?: Record<string, CrisisContactWords>;
};

/** A crisis contact as a page shows it: its words in one language, named by `lang`. */
export type ShownCrisisContact = CrisisContactWords & {
	lang: string;
	phone?: string;
	text?: string;
	url?: string;
};

/** A submitted form's fields as they are echoed back to the page. */
export type FormValues = Record<string, string | string[] | boolean>;

/** What a form action answers when input is refused: messages per field, the person's input kept. */
export type FormFailure = {
	values?: FormValues;
	errors?: Record<string, string>;
	message?: string;
};
