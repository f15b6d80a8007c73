import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { coaches } from './db/schema';
import { DEMO_PAIRING_PARTICIPANT, demoParticipantId, seedDemo } from './db/seed';
import { issuePairingCode } from './pairing';
import { formatPairingCode } from './security/tokens';
import { purgeOld } from './security/rate-limit';
import { installBuiltInDefinitions } from './survey/definitions';
import { assignModules } from './survey/assignments';
import { vapidKeys } from './push/vapid';
import { seedDemoAppointments } from './db/seed-appointments';
import { startMessageRetention } from './messages/settings';
import { consentFromIntakeAnswers } from './consent';
import { startRetention } from './privacy/retention';

function flag(value: string | undefined, fallback: boolean): boolean {
	if (value === undefined || value === '') return fallback;
	return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/**
 * Runs once when the server starts (after migrations): demo data when wanted, and the lines a newcomer
 * needs to try Opstap. Demo data is on by default on the embedded database, off on PostgreSQL.
 */
export async function startup(
	db: Db,
	env: NodeJS.ProcessEnv = process.env,
	log = console.log
): Promise<{ retention: Promise<void> }> {
	await purgeOld(db, new Date(Date.now() - 86_400_000));
	await installBuiltInDefinitions(db);
	// Generated on first start and kept: a new key pair would orphan every phone's push subscription.
	await vapidKeys(db);
	await startMessageRetention(db);
	// Consent used to be intake answers: carry their meaning over to the consent rows once (issue 16).
	await consentFromIntakeAnswers(db);
	// Every kind of data past its term goes, and failed-login addresses after the rate limit's window (issue 16).
	const retention = startRetention(db);
	const demo = flag(env.DEMO_DATA, !env.DATABASE_URL);
	if (!demo) return { retention };
	const info = await seedDemo(db, { reset: flag(env.OPSTAP_RESET_DEMO, false) });
	const participantId = await demoParticipantId(db, DEMO_PAIRING_PARTICIPANT);
	const [lotte] = await db.select().from(coaches).where(eq(coaches.email, info.coaches[0]!.email));
	if (!participantId || !lotte) return { retention };
	if (info.created) {
		// The newcomer's participant has the intake waiting, so "My questions" shows something at once.
		await assignModules(db, lotte, participantId, { questionnaireId: 'intake', wave: 'T0' });
		await seedDemoAppointments(db);
	}
	const issued = await issuePairingCode(db, lotte, participantId);
	const origin = env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`;
	log(
		[
			'',
			'  Opstap demo' + (info.created ? ' (demo data created)' : ''),
			`  Coach:        ${origin}/coach/login`,
			...info.coaches.map(
				(c) => `                ${c.email}  /  ${info.password}   (${c.role.replace('_', ' ')}, ${c.name})`
			),
			`  Participant:  ${origin}/pair   code ${formatPairingCode(issued!.code)}  (Fatma, valid 7 days)`,
			`                or open ${origin}/pair?code=${issued!.code}`,
			''
		].join('\n')
	);
	return { retention };
}
