// The production server: adapter-node's request handler (build/handler.js) behind one step that puts the security
// headers of src/lib/server/security/headers.ts on every response. adapter-node serves /_app/*, the service worker
// and static/ (manifest, fonts, pictograms) with sirv before SvelteKit's `handle`, so src/hooks.server.ts never sees
// those responses; this is the one place that covers them all (hooks.server.ts sets the same headers for `npm run dev`).
// Listening and graceful shutdown follow adapter-node's build/index.js: HOST, PORT, SOCKET_PATH, SHUTDOWN_TIMEOUT,
// KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT, and `sveltekit:shutdown` once the last request is answered (systemd socket
// activation and IDLE_TIMEOUT are not supported). Run by `npm start` (scripts/start.js); Node 24 runs the
// TypeScript import as is.
import http from 'node:http';
import process from 'node:process';
import { securityHeaders } from '../src/lib/server/security/headers.ts';

const env = (name, fallback) => process.env[name] || fallback;
// Request bodies up to 8 MB (adapter-node's default is 512 kB): a clip pack of recordings is one upload. Routes bound
// their own bodies below that (attachments, clips 400 kB); anonymous requests are refused before a body is read.
process.env.BODY_SIZE_LIMIT ||= '8M';
/** @type {typeof import('../build/handler.js')} */
let built;
try {
	// The app starts here (its `init` opens the database): a start refused for a reason a person can act on is one line.
	built = await import('../build/handler.js');
} catch (error) {
	if (error instanceof Error && error.name === 'DataDirInUseError') {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}
const { handler } = built;
const host = env('HOST', '0.0.0.0');
const socketPath = env('SOCKET_PATH', undefined);
const port = socketPath ? undefined : Number(env('PORT', '3000'));
const shutdownTimeout = Number(env('SHUTDOWN_TIMEOUT', '30'));

// Whether the visitor came over https, as adapter-node decides it: ORIGIN, else PROTOCOL_HEADER, else https.
const origin = env('ORIGIN', undefined);
const protocolHeader = env('PROTOCOL_HEADER', '').toLowerCase();
/** @param {http.IncomingMessage} req */
function https(req) {
	if (origin) return origin.startsWith('https:');
	if (protocolHeader) return req.headers[protocolHeader] === 'https';
	return true;
}

const httpServer = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(securityHeaders(https(req), true))) res.setHeader(name, value);
	// adapter-node's handler always answers (its last step is SvelteKit); `next` is there for completeness.
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
for (const [name, property] of [
	['KEEP_ALIVE_TIMEOUT', 'keepAliveTimeout'],
	['HEADERS_TIMEOUT', 'headersTimeout']
]) {
	const seconds = Number(env(name, 'NaN'));
	if (Number.isFinite(seconds)) httpServer[property] = seconds * 1000;
}

/** @type {NodeJS.Timeout | undefined} */
let shutdownTimer;
httpServer.on('request', (req) => {
	// While shutting down, close each connection as soon as its request is answered.
	req.on('close', () => {
		if (shutdownTimer) httpServer.closeIdleConnections();
	});
});

/** @param {'SIGINT' | 'SIGTERM'} reason */
function shutdown(reason) {
	if (shutdownTimer) return;
	httpServer.closeIdleConnections();
	httpServer.close((error) => {
		if (error) return;
		clearTimeout(shutdownTimer);
		// hooks.server.ts stops the push sender and closes the database on this event.
		process.emit('sveltekit:shutdown', reason);
	});
	shutdownTimer = setTimeout(() => httpServer.closeAllConnections(), shutdownTimeout * 1000);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

httpServer.listen({ path: socketPath, host: socketPath ? undefined : host, port }, () => {
	const address = httpServer.address();
	const shown = typeof address === 'string' || !address ? `${socketPath}` : `http://${host}:${address.port}`;
	console.log(`Listening on ${shown}`);
});
