// Kith's operator command line: `npm run kith -- <command> [options]`.
import { parseArgs } from 'node:util';
import { commands } from './commands';

const [name, ...rest] = process.argv.slice(2);

function usage(): string {
	const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(24)} ${c.summary}`);
	return `Usage: npm run kith -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its options.`;
}

async function main(): Promise<number> {
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage());
		return name ? 0 : 1;
	}
	const command = commands[name];
	if (!command) {
		console.error(`Unknown command "${name}".\n\n${usage()}`);
		return 2;
	}
	let values: Record<string, string | boolean | undefined>;
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({
			args: rest,
			options: { ...command.options, help: { type: 'boolean', short: 'h' } },
			strict: true,
			allowPositionals: true
		}) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
	} catch (e) {
		console.error(`${name}: ${e instanceof Error ? e.message : String(e)}\n\n${command.help}`);
		return 2;
	}
	if (values.help) {
		console.log(command.help);
		return 0;
	}
	// Only commands that name a positional argument take one; a stray word is a mistake.
	if (positionals.length > (command.positionals ?? 0)) {
		console.error(
			`${name}: unexpected argument "${positionals[command.positionals ?? 0]}"\n\n${command.help}`
		);
		return 2;
	}
	return command.run(values, positionals);
}

// A command whose work never settles would otherwise end silently with status 0.
let finished = false;
process.on('beforeExit', () => {
	if (!finished) {
		console.error(`${name ?? 'kith'}: stopped before finishing`);
		process.exit(1);
	}
});

main().then(
	(code) => {
		finished = true;
		process.exit(code);
	},
	(e: unknown) => {
		console.error(e instanceof Error ? e.message : String(e));
		process.exit(1);
	}
);
