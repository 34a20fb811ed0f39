// Pages travel compressed: a thread of 65 KB is a few KB in Brotli, which is most of a page's
// weight on the slow phone connections Kith is built for. Only whole HTML pages are compressed
// here; /_app/ files are compressed ahead of time by the build (adapter-node `precompress`), and
// event streams are never touched (compressing would hold their messages back).
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Smaller bodies gain too little to pay for the work. */
const MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** The encoding the client accepts that Kith prefers, or null. */
export function acceptedEncoding(acceptEncoding: string | null): Encoding | null {
	const offered = (acceptEncoding ?? '')
		.split(',')
		.map((part) => part.trim().split(';'))
		.filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
		.map(([name]) => name?.trim().toLowerCase());
	if (offered.includes('br')) return 'br';
	if (offered.includes('gzip')) return 'gzip';
	return null;
}

/** The response compressed for the client when it is an HTML page worth compressing. */
export async function compressed(request: Request, response: Response): Promise<Response> {
	const encoding = acceptedEncoding(request.headers.get('accept-encoding'));
	const type = response.headers.get('content-type') ?? '';
	if (
		!encoding ||
		!response.body ||
		!type.startsWith('text/html') ||
		response.headers.has('content-encoding') ||
		request.method === 'HEAD'
	)
		return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (body.byteLength < MIN_BYTES)
		return new Response(body, {
			status: response.status,
			statusText: response.statusText,
			headers
		});
	const packed =
		encoding === 'br'
			? await brotli(body, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
					}
				})
			: await gzipped(body, { level: 6 });
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(packed.byteLength));
	return new Response(packed, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
