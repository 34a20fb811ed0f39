// Types shared by server and browser code.

export type CrisisContact = {
	name: string;
	phone?: string;
	text?: string;
	url?: string;
	hours?: string;
	description?: string;
};

/** A submitted form's fields as they are echoed back to the page. */
export type FormValues = Record<string, string | string[] | boolean>;

/** What a form action answers when input is refused: messages per field, the person's input kept. */
export type FormFailure = {
	values?: FormValues;
	errors?: Record<string, string>;
	message?: string;
};
