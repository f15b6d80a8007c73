import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { assignModules, assignmentsOf, type Wave } from './assignments';
import { getDefinition, latestDefinition } from './definitions';
import { applySync, type SyncEntry } from './sync';
import { surveyText } from '../i18n/resources';
import { formToAnswer, optionsOf, type Answer, type FieldSource } from '$lib/survey';

const nl = (key: string) => surveyText('nl', key) ?? key;

/** The coach's own items (questionnaire "coach"): the form with the current answers of a wave, in Dutch. */
export async function coachItemsForm(db: Db, coach: CoachActor, participantId: string, wave: Wave) {
	if (!(await participantForCoach(db, coach, participantId))) return null;
	const state = (await assignmentsOf(db, participantId)).find(
		(a) => a.questionnaireId === 'coach' && a.wave === wave
	);
	const definition = state
		? await getDefinition(db, 'coach', state.version)
		: await latestDefinition(db, 'coach');
	if (!definition) return null;
	return {
		wave,
		modules: definition.modules.map((m) => ({
			id: m.id,
			title: nl(m.title),
			items: m.items.map((item) => ({
				id: item.id,
				type: item.type,
				question: nl(item.text),
				// Only number items have numeric bounds (dates have text ones): the form needs the numbers.
				min: item.type === 'number' ? item.min : undefined,
				max: item.type === 'number' ? item.max : undefined,
				options: optionsOf(definition, item).map((o) => ({ id: o.id, label: nl(o.text) })),
				value: (state?.answers[item.id]?.value ?? null) as Answer | null
			}))
		}))
	};
}

/**
 * Saves what the coach filled in. The items are stored like a participant's answers (one row per item, the same
 * checks), under an assignment of the coach questionnaire for that wave, and count as sent at once.
 */
export async function saveCoachItems(
	db: Db,
	coach: CoachActor,
	participantId: string,
	wave: Wave,
	form: FieldSource
): Promise<{ ok: true; saved: number } | { ok: false; reason: 'not_found' | 'invalid'; item?: string }> {
	if (!(await participantForCoach(db, coach, participantId))) return { ok: false, reason: 'not_found' };
	let state = (await assignmentsOf(db, participantId)).find(
		(a) => a.questionnaireId === 'coach' && a.wave === wave
	);
	if (!state) {
		const assigned = await assignModules(db, coach, participantId, { questionnaireId: 'coach', wave });
		if (!assigned.ok) return { ok: false, reason: 'not_found' };
		state = (await assignmentsOf(db, participantId)).find((a) => a.id === assigned.id)!;
	}
	const definition = await getDefinition(db, 'coach', state.version);
	if (!definition) return { ok: false, reason: 'not_found' };
	const now = new Date().toISOString();
	const entries: SyncEntry[] = [];
	for (const module of definition.modules) {
		for (const item of module.items) {
			// Fields are named "<itemId>": read them as the one question on a screen (survey/form-values.ts).
			const fields: FieldSource = {
				get: (name) => (name === 'value' ? form.get(item.id) : null),
				getAll: (name) => (name === 'value' ? form.getAll(item.id) : [])
			};
			const parsed = formToAnswer(item, fields);
			if (!parsed.ok) {
				if (parsed.reason === 'malformed') return { ok: false, reason: 'invalid', item: nl(item.text) };
				continue; // left empty: nothing changes
			}
			entries.push({
				kind: 'answer',
				clientId: randomUUID(),
				assignmentId: state.id,
				moduleId: module.id,
				itemId: item.id,
				value: parsed.answer,
				answeredAt: now,
				language: 'nl',
				version: definition.version,
				mode: 'alone'
			});
		}
		entries.push({
			kind: 'submit',
			clientId: randomUUID(),
			assignmentId: state.id,
			moduleId: module.id,
			submittedAt: now
		});
	}
	const results = await applySync(db, participantId, entries);
	const rejected = results.find((r) => r.status === 'rejected');
	if (rejected)
		return {
			ok: false,
			reason: 'invalid',
			item: rejected.status === 'rejected' ? (rejected.detail ?? rejected.reason) : undefined
		};
	return { ok: true, saved: entries.filter((e) => e.kind === 'answer').length };
}
