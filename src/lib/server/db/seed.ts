import { eq, inArray, like } from 'drizzle-orm';
import type { Db } from '.';
import { coaches, organisations, participants } from './schema';
import { hashPassword } from '../security/tokens';
import { seedActivities } from './seed-activities';
import { seedMessages } from './seed-messages';

export const DEMO_PASSWORD = 'opstap-demo-2026';

/** People drawn from the sketches in shared/design/product.md. */
const DEMO_COACHES = [
	{
		slug: 'demo-coach-lotte',
		name: 'Lotte de Vries',
		email: 'lotte@demo.opstap.nl',
		phone: '+31 24 123 4501',
		role: 'coach'
	},
	{
		slug: 'demo-coach-karim',
		name: 'Karim Haddou',
		email: 'karim@demo.opstap.nl',
		phone: '+31 24 123 4502',
		role: 'team_lead'
	},
	{
		slug: 'demo-translator-tesfay',
		name: 'Tesfay Gebremedhin',
		email: 'tesfay@demo.opstap.nl',
		phone: null,
		role: 'translator'
	},
	{
		slug: 'demo-admin-mirjam',
		name: 'Mirjam Bakker',
		email: 'beheer@demo.opstap.nl',
		phone: null,
		role: 'admin'
	},
	{
		slug: 'demo-privacy-ineke',
		name: 'Ineke Jansen',
		email: 'fg@demo.opstap.nl',
		phone: null,
		role: 'privacy_officer'
	}
] as const;

const DEMO_PARTICIPANTS = [
	{ slug: 'demo-fatma', displayName: 'Fatma', preferredLanguage: 'tr', coach: 'demo-coach-lotte' },
	{ slug: 'demo-yonas', displayName: 'Yonas', preferredLanguage: 'ti', coach: 'demo-coach-lotte' },
	{ slug: 'demo-samira', displayName: 'Samira', preferredLanguage: 'ar', coach: 'demo-coach-lotte' },
	{ slug: 'demo-henk', displayName: 'Henk', preferredLanguage: 'nl', coach: 'demo-coach-lotte' },
	{ slug: 'demo-hodan', displayName: 'Hodan', preferredLanguage: 'so', coach: 'demo-coach-lotte' },
	{ slug: 'demo-ahmad', displayName: 'Ahmad', preferredLanguage: 'ar', coach: 'demo-coach-karim' },
	{ slug: 'demo-maryam', displayName: 'Maryam', preferredLanguage: 'fa', coach: 'demo-coach-karim' },
	{ slug: 'demo-oksana', displayName: 'Oksana', preferredLanguage: 'uk', coach: 'demo-coach-karim' },
	{ slug: 'demo-agnieszka', displayName: 'Agnieszka', preferredLanguage: 'pl', coach: 'demo-coach-karim' }
] as const;

export const DEMO_PAIRING_PARTICIPANT = 'demo-fatma';

export interface DemoInfo {
	coaches: { name: string; email: string; role: string }[];
	password: string;
	created: boolean;
}

/** Creates the demo municipality once; a second run changes nothing. With `reset`, removes it first. */
export async function seedDemo(db: Db, options: { reset?: boolean } = {}): Promise<DemoInfo> {
	if (options.reset) await removeDemo(db);
	const info: DemoInfo = {
		coaches: DEMO_COACHES.map(({ name, email, role }) => ({ name, email, role })),
		password: DEMO_PASSWORD,
		created: false
	};
	const [existing] = await db.select().from(organisations).where(eq(organisations.slug, 'demo-municipality'));
	if (existing) return info;
	const THEME = 'voorbeeld';

	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction(async (tx) => {
		const [municipality] = await tx
			.insert(organisations)
			.values({
				kind: 'municipality',
				name: 'Gemeente Voorbeeld',
				slug: 'demo-municipality',
				theme: THEME,
				schemeName: 'Meedoen-pas'
			})
			.returning();
		const [team] = await tx
			.insert(organisations)
			.values({ kind: 'team', name: 'Team Opstap Noord', slug: 'demo-team', parentId: municipality!.id })
			.returning();
		const coachIds = new Map<string, string>();
		for (const c of DEMO_COACHES) {
			const [row] = await tx
				.insert(coaches)
				.values({
					teamId: team!.id,
					name: c.name,
					email: c.email,
					phone: c.phone,
					role: c.role,
					passwordHash
				})
				.returning({ id: coaches.id });
			coachIds.set(c.slug, row!.id);
		}
		await tx.insert(participants).values(
			DEMO_PARTICIPANTS.map((p) => ({
				slug: p.slug,
				displayName: p.displayName,
				preferredLanguage: p.preferredLanguage,
				coachId: coachIds.get(p.coach)!
			}))
		);
		await seedActivities(tx as unknown as Db, municipality!.id);
	});
	await seedMessages(db);
	info.created = true;
	return info;
}

async function removeDemo(db: Db) {
	await db.transaction(async (tx) => {
		const demoCoaches = await tx
			.select({ id: coaches.id })
			.from(coaches)
			.where(like(coaches.email, '%@demo.opstap.nl'));
		const ids = demoCoaches.map((c) => c.id);
		if (ids.length) {
			// Participants added by demo coaches go too (devices, codes and sessions cascade).
			await tx.delete(participants).where(inArray(participants.coachId, ids));
			await tx.delete(coaches).where(inArray(coaches.id, ids));
		}
		await tx.delete(organisations).where(eq(organisations.slug, 'demo-team'));
		await tx.delete(organisations).where(eq(organisations.slug, 'demo-municipality'));
	});
}

export async function demoParticipantId(db: Db, slug = DEMO_PAIRING_PARTICIPANT): Promise<string | null> {
	const [row] = await db
		.select({ id: participants.id })
		.from(participants)
		.where(eq(participants.slug, slug));
	return row?.id ?? null;
}
