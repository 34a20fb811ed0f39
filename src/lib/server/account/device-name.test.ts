import { describe, expect, it } from 'vitest';
import { deviceName } from './device-name';

describe('deviceName', () => {
	it.each([
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
			'Firefox',
			'Windows'
		],
		[
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
			'Safari',
			'macOS'
		],
		[
			'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
			'Chrome',
			'Android'
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
			'Edge',
			'Windows'
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
			'Chrome',
			'iOS'
		]
	])('names %s', (ua, browser, os) => {
		expect(deviceName(ua)).toEqual({ browser, os });
	});

	it('says nothing for an unknown or missing agent', () => {
		expect(deviceName('curl/8.5.0')).toEqual({ browser: null, os: null });
		expect(deviceName(null)).toEqual({ browser: null, os: null });
	});
});
