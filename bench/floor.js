// What the phone's browser itself takes on this machine, measured the same way as Opstap's figures (issue 17): the
// floor under a goal. Headless Chromium with a 4x slowed CPU on a shared 2-core machine is not a phone; these
// figures say how much of a measured time is Opstap's and how much is the browser's own.
//   - a page of one line of script, opened in a new tab like the repeat open: navigation start → that script ran;
//   - the answer's two writes (answers + outbox) as one bare IndexedDB transaction, no app code: start → complete;
//   - the same writes done by a tap on the question's own "Next" (its submit taken before any of Opstap's code):
//     release → complete, so the input's way through the browser and the frame the tap draws are in it as well.
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

// The in-page half (run by page.evaluate, so self-contained): the floor's database in the shape of the app's stores
// (src/lib/offline/db.ts), and the answer's two writes as one transaction.
const IN_PAGE = `
window.__floor = {
	open: () =>
		new Promise((resolve, reject) => {
			const open = indexedDB.open('opstap-floor', 1);
			open.onupgradeneeded = () => {
				open.result
					.createObjectStore('answers', { keyPath: ['assignmentId', 'itemId'] })
					.createIndex('assignmentId', 'assignmentId');
				open.result
					.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
					.createIndex('clientId', 'clientId', { unique: true });
			};
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		}),
	write: (db, i, done) => {
		const value = { type: 'single', option: 'o' + i };
		const tx = db.transaction(['answers', 'outbox'], 'readwrite');
		tx.objectStore('answers').put({
			assignmentId: 'a',
			itemId: 'i' + i,
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
			itemId: 'i' + i,
			value
		});
		tx.oncomplete = done;
	},
	drop: (db) => {
		db.close();
		return new Promise((resolve) => {
			const drop = indexedDB.deleteDatabase('opstap-floor');
			drop.onsuccess = drop.onerror = drop.onblocked = resolve;
		});
	}
};`;

/**
 * In an open page (its CPU already slowed): the answer's writes as bare IndexedDB transactions in a database of
 * their own (deleted afterwards), `count` times; milliseconds from transaction start to complete.
 */
export async function bareAnswerWrites(page, count) {
	await page.evaluate(IN_PAGE);
	return page.evaluate(async (count) => {
		const floor = window.__floor;
		const db = await floor.open();
		const samples = [];
		for (let i = 0; i < count + 2; i++) {
			// Apart, as taps are: each write on a quiet page.
			await new Promise((resolve) => setTimeout(resolve, 100));
			const start = performance.now();
			await new Promise((resolve) => floor.write(db, i, resolve));
			if (i >= 2) samples.push(performance.now() - start); // the first two open the stores
		}
		await floor.drop(db);
		return samples;
	}, count);
}

/**
 * In an open question page (CPU slowed): `tap()` taps its "Next" `count` times, and each tap's submit does only the
 * bare writes, caught before Opstap's own handler (and the page stays). Milliseconds from the release (the click's
 * time) to complete.
 */
export async function bareTapWrites(page, tap, count) {
	await page.evaluate(IN_PAGE);
	await page.evaluate(async () => {
		const floor = window.__floor;
		const db = await floor.open();
		const state = (window.__bareTap = { db, done: [], release: 0, i: 0 });
		addEventListener('click', (event) => (state.release = event.timeStamp), true);
		addEventListener(
			'submit',
			(event) => {
				event.preventDefault();
				event.stopImmediatePropagation();
				const release = state.release;
				floor.write(db, state.i++, () => state.done.push(performance.now() - release));
			},
			true
		);
	});
	for (let i = 0; i < count + 2; i++) {
		await page.waitForTimeout(300); // a quiet page, as between a participant's taps
		await tap();
		await page.waitForFunction((n) => window.__bareTap.done.length > n, i, { polling: 100 });
	}
	const samples = await page.evaluate(() => window.__bareTap.done.slice(2)); // the first two open the stores
	await page.evaluate(() => window.__floor.drop(window.__bareTap.db));
	return samples;
}
