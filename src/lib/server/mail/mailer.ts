import nodemailer from 'nodemailer';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export type Mail = { to: string; subject: string; text: string; siteId: string | null };
export type OutboxEntry = Mail & { id: string; createdAt: string };

export type Mailer = {
	send: (mail: Mail) => Promise<void>;
	/** Mail kept on disk when no SMTP server is configured; null when mail really leaves. */
	outbox: ((siteId: string) => OutboxEntry[]) | null;
};

const ZOutboxEntry = z.object({
	id: z.string(),
	createdAt: z.string(),
	to: z.string(),
	subject: z.string(),
	text: z.string(),
	siteId: z.string().nullable()
});

/** SMTP when configured; otherwise every message is written to <data>/outbox as JSON. */
export function createMailer(opts: { smtpUrl?: string; from: string; dataDir: string }): Mailer {
	if (opts.smtpUrl) {
		const transport = nodemailer.createTransport(opts.smtpUrl);
		return {
			send: async (mail) => {
				await transport.sendMail({
					from: opts.from,
					to: mail.to,
					subject: mail.subject,
					text: mail.text
				});
			},
			outbox: null
		};
	}
	const dir = join(opts.dataDir, 'outbox');
	mkdirSync(dir, { recursive: true });
	return {
		send: async (mail) => {
			const entry: OutboxEntry = { ...mail, id: randomUUID(), createdAt: new Date().toISOString() };
			const name = `${entry.createdAt.replace(/[:.]/g, '-')}-${entry.id}.json`;
			writeFileSync(join(dir, name), JSON.stringify(entry, null, 2), { mode: 0o600 });
		},
		outbox: (siteId) =>
			readdirSync(dir)
				.filter((f) => f.endsWith('.json'))
				.sort()
				.reverse()
				.flatMap((f) => {
					const parsed = ZOutboxEntry.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
					return parsed.success && parsed.data.siteId === siteId ? [parsed.data] : [];
				})
	};
}
