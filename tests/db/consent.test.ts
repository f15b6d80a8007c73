import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { consentEvents } from '../../src/lib/server/db/schema';
import { installBuiltInDefinitions } from '../../src/lib/server/survey/definitions';
import { assignModules } from '../../src/lib/server/survey/assignments';
import { applySync, syncBody } from '../../src/lib/server/survey/sync';
import { moduleForParticipant, myQuestions } from '../../src/lib/server/survey/participant-view';
import { listCaseload, participantForCoach } from '../../src/lib/server/coach/caseload';
import {
	consentFromIntakeAnswers,
	consentHistory,
	consentState,
	markTalked,
	recordConsent
} from '../../src/lib/server/consent';
import { SHIPPED_VERSION } from '../helpers/instruments';

describe.each(ENGINES)('consent per purpose, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let lead: CoachActor;
	let colleague: CoachActor;
	let sara: { id: string };
	let assignmentId: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		await installBuiltInDefinitions(database.db);
		coach = await makeCoach(database.db, { email: 'coach@example.nl' });
		lead = await makeCoach(database.db, {
			email: 'lead@example.nl',
			role: 'team_lead',
			teamId: coach.teamId
		});
		colleague = await makeCoach(database.db, { email: 'colleague@example.nl', teamId: coach.teamId });
		sara = await makeParticipant(database.db, coach, 'Sara', 'ti');
		const assigned = await assignModules(database.db, coach, sara.id, {
			questionnaireId: 'intake',
			wave: 'T0'
		});
		if (!assigned.ok) throw new Error(assigned.reason);
		assignmentId = assigned.id;
	});
	afterAll(() => database.close());

	it('keeps nothing open before coaching is agreed to; "talk first" waits until the coach has talked', async () => {
		expect(await consentState(database.db, sara.id)).toEqual({
			coaching: 'unasked',
			team: 'unasked',
			research: 'unasked'
		});
		expect(await myQuestions(database.db, sara.id)).toEqual([]);
		expect(await moduleForParticipant(database.db, sara.id, assignmentId, 'myWeek')).toBeNull();

		await recordConsent(database.db, sara.id, 'coaching', 'talkFirst');
		expect(await myQuestions(database.db, sara.id)).toEqual([]);
		expect((await listCaseload(database.db, coach)).find((p) => p.id === sara.id)?.wantsTalkFirst).toBe(true);
		// Only who sees Sara can record it.
		const stranger = await makeCoach(database.db, { email: 'stranger@example.nl' });
		expect(await markTalked(database.db, stranger, sara.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await markTalked(database.db, coach, sara.id)).toEqual({ ok: true });
		expect(await markTalked(database.db, coach, sara.id)).toEqual({ ok: false, reason: 'conflict' });
		expect((await listCaseload(database.db, coach)).find((p) => p.id === sara.id)?.wantsTalkFirst).toBe(
			false
		);

		const cards = await myQuestions(database.db, sara.id);
		const modules = cards.map((c) => c.moduleId);
		// The intake's old consent questions are not asked any more; without research consent no research module.
		expect(modules).not.toContain('welcome');
		expect(modules).not.toContain('trust');
		expect(modules).toContain('myWeek');
		expect(await moduleForParticipant(database.db, sara.id, assignmentId, 'welcome')).toBeNull();
	});

	it('shows the research questions only with research consent, read from the consent rows', async () => {
		await recordConsent(database.db, sara.id, 'research', 'given');
		expect((await myQuestions(database.db, sara.id)).map((c) => c.moduleId)).toContain('trust');
		const trust = await moduleForParticipant(database.db, sara.id, assignmentId, 'trust');
		expect(trust?.answers.researchConsent).toEqual({ type: 'yesno', value: true });
		await recordConsent(database.db, sara.id, 'research', 'withdrawn');
		expect((await myQuestions(database.db, sara.id)).map((c) => c.moduleId)).not.toContain('trust');
	});

	it('the team lead sees Sara unless she says no; her own coach always; a colleague never', async () => {
		expect(await participantForCoach(database.db, lead, sara.id)).not.toBeNull();
		expect(await participantForCoach(database.db, colleague, sara.id)).toBeNull();
		await recordConsent(database.db, sara.id, 'team', 'withdrawn');
		expect(await participantForCoach(database.db, lead, sara.id)).toBeNull();
		expect((await listCaseload(database.db, lead)).map((p) => p.id)).not.toContain(sara.id);
		expect(await participantForCoach(database.db, coach, sara.id)).not.toBeNull();
		await recordConsent(database.db, sara.id, 'team', 'given');
		expect(await participantForCoach(database.db, lead, sara.id)).not.toBeNull();
	});

	it('keeps every decision with its version and time; the same decision again is not a new one', async () => {
		const before = (await consentHistory(database.db, sara.id)).length;
		await recordConsent(database.db, sara.id, 'team', 'given');
		const history = await consentHistory(database.db, sara.id);
		expect(history).toHaveLength(before);
		expect(history.map((h) => `${h.purpose}:${h.decision}:${h.source}`)).toEqual([
			'coaching:talkFirst:phone',
			'coaching:talked:coach',
			'research:given:phone',
			'research:withdrawn:phone',
			'team:withdrawn:phone',
			'team:given:phone'
		]);
		expect(history.every((h) => h.version === '2026-11' && h.at instanceof Date)).toBe(true);
	});

	it('carries the old intake answers over once, for participants without consent rows', async () => {
		const amir = await makeParticipant(database.db, coach, 'Amir', 'ar');
		const assigned = await assignModules(database.db, coach, amir.id, {
			questionnaireId: 'intake',
			wave: 'T0'
		});
		if (!assigned.ok) throw new Error(assigned.reason);
		const entry = (itemId: string, value: unknown) => ({
			kind: 'answer',
			clientId: randomUUID(),
			assignmentId: assigned.id,
			moduleId: 'welcome',
			itemId,
			value,
			answeredAt: new Date().toISOString(),
			language: 'ar',
			version: SHIPPED_VERSION.intake
		});
		const results = await applySync(
			database.db,
			amir.id,
			syncBody.parse({
				entries: [
					entry('understood', { type: 'single', option: 'talkFirst' }),
					entry('researchConsent', { type: 'yesno', value: true })
				]
			}).entries
		);
		expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
		expect(await consentFromIntakeAnswers(database.db)).toBe(2);
		expect(await consentState(database.db, amir.id)).toEqual({
			coaching: 'talkFirst',
			team: 'unasked',
			research: 'given'
		});
		// Once: a second start adds nothing, and Sara (who has rows) is never touched.
		expect(await consentFromIntakeAnswers(database.db)).toBe(0);
		const rows = await database.db
			.select()
			.from(consentEvents)
			.where(eq(consentEvents.participantId, amir.id));
		expect(rows.every((r) => r.source === 'intake')).toBe(true);
	});
});
