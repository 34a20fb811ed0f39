// The shape of one `npm run kith -- <command>`: its own file, so the files that define commands
// and the table that lists them (commands.ts) do not import each other.

export type Values = Record<string, string | boolean | undefined>;
type Option = { type: 'string' | 'boolean'; short?: string; multiple?: false };
export type Command = {
	summary: string;
	help: string;
	options: Record<string, Option>;
	/** How many positional arguments the command takes (none unless given). */
	positionals?: number;
	run: (v: Values, positionals: string[]) => Promise<number>;
};
