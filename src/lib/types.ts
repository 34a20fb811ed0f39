// Types shared by server and browser code.

export type CrisisContact = {
	name: string;
	phone?: string;
	text?: string;
	url?: string;
	hours?: string;
	description?: string;
};

/** What a form action answers when input is refused: messages per field, the person's input kept. */
export type FormFailure = {
	values?: Record<string, string | string[] | boolean>;
	errors?: Record<string, string>;
	message?: string;
};
