// What the phone's browser itself takes on this machine, measured the same way as Opstap's figures (issue 17): the
// floor under a goal. Headless Chromium with a 4x slowed CPU on a shared 2-core machine is not a phone; these
// figures say how much of a measured time is Opstap's and how much is the browser's own.
//   - a page of one line of script, opened in a new tab like the repeat open: navigation start → that script ran;
//   - the answer's two writes (answers + outbox) as one bare IndexedDB transaction, no app code: start → complete.
import http from 'node:http';

const BLANK = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>-</title><link rel="icon" href="data:,"></head><body><p>-</p><script>performance.mark('opstap:interactive')</script></body></html>`;

/** A server of that one page on loopback; stop() closes it. */
export async function startBlankPage() {
	const server = http.createServer((request, response) => {
		response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
		response.end(BLANK);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/`,
		stop: () => new Promise((resolve) => server.close(resolve))
	};
}

/**
 * In an open page (its CPU already slowed): the answer's writes as bare IndexedDB transactions in a database of
 * their own (deleted afterwards), `count` times; milliseconds from transaction start to complete.
 */
export function bareAnswerWrites(page, count) {
	return page.evaluate(async (count) => {
		const name = 'opstap-floor';
		const db = await new Promise((resolve, reject) => {
			const open = indexedDB.open(name, 1);
			open.onupgradeneeded = () => {
				// The shape of the app's stores (src/lib/offline/db.ts).
				open.result
					.createObjectStore('answers', { keyPath: ['assignmentId', 'itemId'] })
					.createIndex('assignmentId', 'assignmentId');
				open.result
					.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
					.createIndex('clientId', 'clientId', { unique: true });
			};
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const samples = [];
		for (let i = 0; i < count + 2; i++) {
			// Apart, as taps are: each write on a quiet page.
			await new Promise((resolve) => setTimeout(resolve, 100));
			const value = { type: 'single', option: `o${i}` };
			const start = performance.now();
			await new Promise((resolve, reject) => {
				const tx = db.transaction(['answers', 'outbox'], 'readwrite');
				tx.objectStore('answers').put({
					assignmentId: 'a',
					itemId: `i${i}`,
					moduleId: 'm',
					value,
					answeredAt: new Date().toISOString(),
					clientId: crypto.randomUUID()
				});
				tx.objectStore('outbox').add({
					kind: 'answer',
					clientId: crypto.randomUUID(),
					assignmentId: 'a',
					moduleId: 'm',
					itemId: `i${i}`,
					value
				});
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			if (i >= 2) samples.push(performance.now() - start); // the first two open the stores
		}
		db.close();
		await new Promise((resolve) => {
			const drop = indexedDB.deleteDatabase(name);
			drop.onsuccess = drop.onerror = drop.onblocked = resolve;
		});
		return samples;
	}, count);
}
