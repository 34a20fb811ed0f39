import { createHash, randomBytes } from 'node:crypto';

/**
 * Invitation tokens: the link carries a random base64url string, the database keeps only its
 * SHA-256 (hex), so a leaked table cannot be turned into working invitation links.
 */
export function newInvitationToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The value stored in invitations.token_hash for a token from a link. */
export function hashInvitationToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
