import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import type { Database } from '../../src/lib/server/db';
import { coaches, organisations, participants } from '../../src/lib/server/db/schema';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/db/seed';
import { login } from '../../src/lib/server/auth/coach';
import { listCaseload } from '../../src/lib/server/coach/caseload';
import { startup } from '../../src/lib/server/startup';

describe.each(ENGINES)('demo data on %s', (engine) => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase(engine);
	});
	afterAll(() => database.close());

	const counts = async () => ({
		organisations: (await database.db.select().from(organisations)).length,
		coaches: (await database.db.select().from(coaches)).length,
		participants: (await database.db.select().from(participants)).length
	});

	it('creates one municipality, a team, two coaches, a translator, an admin, a privacy officer and nine participants in several languages', async () => {
		expect((await seedDemo(database.db)).created).toBe(true);
		expect(await counts()).toEqual({ organisations: 2, coaches: 5, participants: 9 });
		const languages = new Set(
			(await database.db.select().from(participants)).map((p) => p.preferredLanguage)
		);
		expect([...languages].sort()).toEqual(['ar', 'fa', 'nl', 'pl', 'so', 'ti', 'tr', 'uk']);
	});

	it('a second start changes nothing', async () => {
		expect((await seedDemo(database.db)).created).toBe(false);
		expect(await counts()).toEqual({ organisations: 2, coaches: 5, participants: 9 });
	});

	it('the demo coach logs in and sees five participants; the team lead sees all nine', async () => {
		const lotte = await login(database.db, {
			email: 'lotte@demo.opstap.nl',
			password: DEMO_PASSWORD,
			ip: '127.0.0.1'
		});
		const karim = await login(database.db, {
			email: 'karim@demo.opstap.nl',
			password: DEMO_PASSWORD,
			ip: '127.0.0.1'
		});
		if (!lotte.ok || !karim.ok) throw new Error('demo login failed');
		expect((await listCaseload(database.db, lotte.coach)).length).toBe(5);
		expect((await listCaseload(database.db, karim.coach)).length).toBe(9);
	});

	it('reset puts the demo back as new, removing what was added', async () => {
		const [lotte] = await database.db.select().from(coaches);
		await database.db.insert(participants).values({ coachId: lotte!.id, displayName: 'Extra' });
		expect((await seedDemo(database.db, { reset: true })).created).toBe(true);
		expect(await counts()).toEqual({ organisations: 2, coaches: 5, participants: 9 });
	});

	it('startup prints the demo logins and a working pairing code', async () => {
		const lines: string[] = [];
		// The first retention run too: the database closes after this test.
		await (
			await startup(database.db, { PORT: '3999' }, (line) => lines.push(line))
		).retention;
		const text = lines.join('\n');
		expect(text).toContain('lotte@demo.opstap.nl');
		expect(text).toContain(DEMO_PASSWORD);
		expect(text).toMatch(/code \d{4} \d{4}/);
		expect(text).toContain('http://localhost:3999/pair?code=');
	});

	it('startup seeds nothing on PostgreSQL in production unless DEMO_DATA asks for it', async () => {
		const lines: string[] = [];
		await (
			await startup(database.db, { DATABASE_URL: 'postgres://example' }, (line) => lines.push(line))
		).retention;
		expect(lines).toEqual([]);
	});
});
