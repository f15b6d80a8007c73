import { TYPE_LABELS } from '$lib/components/coach/appointments/labels';
import { AFTERCARE_CHECK_LABELS } from '$lib/closure/labels';

/** What a timeline entry's title is made of (server/journal/timeline.ts: TimelineEntry). */
export interface JournalEntryWords {
	source: string;
	kind: string;
	text: string;
	coachName: string | null;
}

const typeName = (type: string) => (TYPE_LABELS as Record<string, string>)[type] ?? type;
const QUESTIONNAIRE: Record<string, string> = {
	intake: 'Intake',
	evaluation: 'Evaluatie',
	coach: 'Coachvragen'
};

/** A journal entry's title in the coach's words: the participant page's journal and the printed record. */
export function journalTitle(e: JournalEntryWords, kinds: Record<string, string>): string {
	switch (e.source) {
		case 'note':
			return kinds[e.kind] ?? e.kind;
		case 'appointment':
			return e.kind === 'attended'
				? `Afspraak: gekomen (${typeName(e.text)})`
				: `Afspraak gemist (${typeName(e.text)})`;
		case 'called':
			return 'Gebeld na een gemiste afspraak';
		case 'messages':
			return e.kind === 'participant'
				? `${e.text === '1' ? '1 bericht' : `${e.text} berichten`} van de deelnemer`
				: `${e.text === '1' ? '1 bericht' : `${e.text} berichten`} van de coach`;
		case 'questionnaireAssigned':
			return `${QUESTIONNAIRE[e.kind] ?? e.kind} (${e.text}) klaargezet`;
		case 'questionnaireSent':
			return `${QUESTIONNAIRE[e.kind] ?? e.kind} (${e.text}) verstuurd door de deelnemer`;
		case 'activityRequest':
			return e.kind === 'together' ? `Wil samen gaan: ${e.text}` : `Wil proberen: ${e.text}`;
		case 'goal':
			return e.kind === 'added'
				? `Doel in het plan: ${e.text}`
				: `Doel ${e.kind === 'reached' ? 'gehaald' : 'gestopt'}: ${e.text}`;
		case 'handover':
			return `Overgedragen${e.coachName ? ` van ${e.coachName}` : ''} aan ${e.kind}`;
		case 'stepDone':
			return e.kind === 'participant'
				? `Stap afgevinkt door de deelnemer: ${e.text}`
				: `Stap gedaan (door de coach afgevinkt): ${e.text}`;
		case 'closure':
			return e.kind === 'closed'
				? `Traject afgesloten${e.coachName ? ` door ${e.coachName}` : ''}`
				: e.kind === 'ended'
					? 'Nazorg afgerond: traject gesloten'
					: 'Traject weer geopend';
		case 'aftercare':
			return `Nazorg: gebeld (${(AFTERCARE_CHECK_LABELS as Record<string, string>)[e.kind] ?? e.kind})${e.coachName ? ` door ${e.coachName}` : ''}`;
		default:
			return e.source;
	}
}
