// A short, readable name for a browser's user-agent string: enough to recognise one's own devices,
// not a full parser (those are large and change often).

const browsers: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
	[/Safari\//, 'Safari']
];

const systems: [RegExp, string][] = [
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Android/, 'Android'],
	[/CrOS/, 'ChromeOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux/, 'Linux']
];

/** "Firefox" and "Windows" from a user agent; null parts when it says nothing recognisable. */
export function deviceName(userAgent: string | null | undefined): {
	browser: string | null;
	os: string | null;
} {
	const ua = userAgent ?? '';
	return {
		browser: browsers.find(([re]) => re.test(ua))?.[1] ?? null,
		os: systems.find(([re]) => re.test(ua))?.[1] ?? null
	};
}
