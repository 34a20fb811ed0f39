import type { FormValues } from '../../types';
import { qrCodeOf, type Enrolment } from './second-factor';

const base32 = /^[A-Z2-7]{16,128}=*$/;
const backupCode = /^[\w-]{1,40}$/;

/**
 * The setup key, link and backup codes the enrolment form carries from step 1 to step 2, so a page
 * without JavaScript can show them again after a mistyped code. Only well-formed values come back;
 * anything else means "start again".
 */
export function enrolmentFromForm(values: FormValues): Enrolment | null {
	const secret = values.setupKey;
	const uri = values.setupUri;
	if (typeof secret !== 'string' || typeof uri !== 'string' || !base32.test(secret)) return null;
	let parsed: URL;
	try {
		parsed = new URL(uri);
	} catch {
		return null;
	}
	if (parsed.protocol !== 'otpauth:' || parsed.searchParams.get('secret') !== secret) return null;
	const codes = values.backupCodes;
	const list = (Array.isArray(codes) ? codes : typeof codes === 'string' ? [codes] : []).filter(
		(c) => backupCode.test(c)
	);
	return { secret, uri, backupCodes: list.slice(0, 20), qrSvg: qrCodeOf(parsed.toString()) };
}
