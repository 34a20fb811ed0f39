// Only for `npm run generate:auth`: the better-auth CLI reads this to write db/auth.schema.ts.
import { drizzle } from 'drizzle-orm/node-postgres';
import { createAuth } from './auth.config';
import type { Db } from '../db/client';

const noop = async (): Promise<void> => undefined;

export const auth = createAuth(drizzle.mock() as unknown as Db, {
	secret: 'schema-generation-only-not-a-real-secret-000',
	baseURL: 'http://localhost:3000',
	mailer: { verifyEmail: noop, resetPassword: noop }
});
