import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { coaches, pairingCodes, participants } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { can } from '../access/policy';
import { listCaseload } from '../coach/caseload';
import { serverT } from '../i18n/resources';
import { issuePairingCode } from '.';
import { pairingView } from '../coach/pairing-view';
import { formatDay } from '$lib/time/format';
import { isLanguage, language, type LanguageCode } from '$lib/i18n/languages';

/**
 * Pairing letters (issue 15 §2): most of the long-distance group has never seen Opstap. A coach or team lead picks
 * participants and prints one A4 letter each, in the participant's language and in Dutch: what Opstap is, what
 * happens with their data, the QR code and the code in large digits, valid long enough for the post, and who their
 * coach is. The list shows who has paired since.
 */

/** The participants a letter can go to, with whether a phone is paired and the last code sent. */
export async function letterCandidates(db: Db, coach: CoachActor) {
	if (!can(coach, 'participant.add')) return null;
	const rows = await listCaseload(db, coach);
	const codes = rows.length
		? await db
				.select({
					participantId: pairingCodes.participantId,
					createdAt: pairingCodes.createdAt,
					expiresAt: pairingCodes.expiresAt
				})
				.from(pairingCodes)
				.where(
					and(
						inArray(
							pairingCodes.participantId,
							rows.map((r) => r.id)
						),
						isNull(pairingCodes.usedAt)
					)
				)
				.orderBy(desc(pairingCodes.createdAt))
		: [];
	return rows
		.map((r) => {
			const code = codes.find((c) => c.participantId === r.id);
			return {
				id: r.id,
				name: r.nameDetail ? `${r.displayName} (${r.nameDetail})` : r.displayName,
				language: r.preferredLanguage,
				coachName: r.coachName,
				paired: r.activeDevices > 0,
				codeSentAt: code?.createdAt ?? null,
				codeValidUntil: code?.expiresAt ?? null
			};
		})
		.sort((a, b) => Number(a.paired) - Number(b.paired) || a.name.localeCompare(b.name, 'nl'));
}

/** The texts of one letter in one language. */
function letterTexts(
	lang: LanguageCode,
	values: { link: string; day: string; name: string; phone: string | null }
) {
	const t = serverT(lang);
	const l = (key: string, options?: Record<string, string>) => t(`letter:${key}`, options);
	return {
		lang,
		dir: language(lang).dir,
		title: l('title'),
		what: [l('what1'), l('what2'), l('what3')],
		data: l('data'),
		scan: l('scan'),
		orType: l('orType', { link: values.link }),
		validUntil: l('validUntil', { day: values.day }),
		coach: l('coach', { name: values.name }),
		help: values.phone ? l('help', { name: values.name, phone: values.phone }) : l('helpNoPhone')
	};
}

/**
 * Makes a fresh code for each chosen participant the coach may see (an older unused code stops working) and the
 * letters to print. Codes are valid `days` days. Participants the coach may not see are left out, silently: they
 * were never on the coach's list.
 */
export async function makeLetters(
	db: Db,
	coach: CoachActor,
	participantIds: string[],
	days: number,
	origin: string,
	now = new Date()
) {
	if (!can(coach, 'participant.add')) return null;
	const people = await db
		.select({
			id: participants.id,
			name: participants.displayName,
			language: participants.preferredLanguage,
			coachId: coaches.id,
			coachName: coaches.name,
			coachPhone: coaches.phone,
			photo: coaches.photo,
			photoMime: coaches.photoMime
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(inArray(participants.id, participantIds));
	const letters = [];
	// Each coach's photo once, not once per letter: a team's 1,500 letters share about 15 photos.
	const photos: Record<string, string> = {};
	for (const p of people) {
		const issued = await issuePairingCode(db, coach, p.id, now, days);
		if (!issued) continue;
		const view = await pairingView(origin, issued);
		const lang: LanguageCode = isLanguage(p.language) ? p.language : 'nl';
		const values = (l: LanguageCode) => ({
			link: `${origin}/pair`,
			day: formatDay(issued.expiresAt, l),
			name: p.coachName,
			phone: p.coachPhone
		});
		if (p.photo && p.photoMime && !(p.coachId in photos))
			photos[p.coachId] = `data:${p.photoMime};base64,${Buffer.from(p.photo).toString('base64')}`;
		letters.push({
			id: p.id,
			name: p.name,
			code: view.code,
			qr: view.qrSvg,
			coachName: p.coachName,
			coachId: p.coachId,
			texts:
				lang === 'nl'
					? [letterTexts('nl', values('nl'))]
					: [letterTexts(lang, values(lang)), letterTexts('nl', values('nl'))]
		});
	}
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'pairing_letters.made', details: { letters: letters.length, days } }
	);
	return { letters, photos };
}
