import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../db';
import { audit } from '../audit';
import { serverT } from '../i18n/resources';
import { language, type LanguageCode } from '$lib/i18n/languages';
import { formatDay, formatDayTime } from '$lib/time/format';
import { amsterdamNoon } from '$lib/time/amsterdam';
import { myData, myFiles, type MyData } from './my-data';

/** The readable page's name in the zip: the first thing a person opens. */
export const MY_DATA_PAGE = 'mijn-gegevens.html';

/**
 * The participant's download: a zip with a page to read in their language (no script, no outside requests: it opens
 * from the phone's files app), the same as JSON for a computer or another service (portability), and the files
 * (voice notes, spoken answers, photos) by name. Audited: the participant took their data.
 */
export async function myDataZip(
	db: Db,
	participantId: string,
	lang: LanguageCode
): Promise<Uint8Array | null> {
	const data = await myData(db, participantId, lang);
	if (!data) return null;
	const files = await myFiles(
		db,
		participantId,
		data.files.map((f) => f.id)
	);
	const entries: Zippable = {
		[MY_DATA_PAGE]: strToU8(myDataPage(data, lang)),
		'data.json': strToU8(JSON.stringify(data, null, 2))
	};
	// Sound and photos are compressed already: stored as they are.
	for (const f of files) entries[f.name] = [new Uint8Array(f.data), { level: 0 }];
	await audit(
		db,
		{ type: 'participant', id: participantId },
		{ action: 'mydata.downloaded', subjectType: 'participant', subjectId: participantId }
	);
	return zipSync(entries, { level: 6 });
}

const escape = (s: unknown) =>
	String(s ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** The readable page: headings with counts, one list per kind, dates in Amsterdam time in the person's language. */
export function myDataPage(data: MyData, lang: LanguageCode): string {
	const t = serverT(lang);
	const when = (d: Date | string | null) => (d ? formatDayTime(new Date(d), lang) : '');
	const fileLink = (id: string | null) => {
		const file = id && data.files.find((f) => f.id === id);
		return file ? ` <a href="${escape(file.name)}">${escape(t('consent:myData.page.file'))}</a>` : '';
	};
	const section = (countKey: string, count: number, items: string[]) =>
		`<section><h2>${escape(t(`consent:myData.count.${countKey}`, { count }))}</h2>${
			items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : ''
		}</section>`;
	const p = data.person;
	const about = [
		[t('consent:myData.page.name'), p.name],
		[t('consent:myData.page.language'), language(p.language as LanguageCode)?.name ?? p.language],
		[t('consent:myData.page.coach'), p.coach],
		[t('consent:myData.page.since'), formatDay(new Date(p.since), lang)],
		...(p.postcode ? [[t('consent:myData.page.postcode'), p.postcode]] : [])
	];
	const sections = [
		`<section><h2>${escape(t('consent:myData.page.about'))}</h2><dl>${about
			.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`)
			.join('')}</dl></section>`,
		section(
			'consent',
			data.consent.length,
			data.consent.map(
				(c) =>
					`${escape(when(c.at))}: ${escape(t(`consent:purpose.${c.purpose}.title`))} – ${escape(t(`consent:decision.${c.decision}`))}`
			)
		),
		section(
			'answers',
			data.questionnaires.reduce((n, q) => n + q.answers.length, 0),
			data.questionnaires.flatMap((q) =>
				q.answers.map(
					(a) => `<b>${escape(a.question)}</b><br>${escape(a.answer)} <small>(${escape(q.title)})</small>`
				)
			)
		),
		section(
			'appointments',
			data.appointments.length,
			data.appointments.map(
				(a) =>
					`${escape(when(a.startsAt))}: ${escape(a.typeText)}, ${escape(a.placeText)}${a.address ? ` (${escape(a.address)})` : ''}${
						a.cancelledAt ? ` – ${escape(t('appointments:cancelled'))}` : ''
					}${a.replies.map((r) => `<br>${escape(when(r.at))}: ${escape(r.replyText)}`).join('')}`
			)
		),
		section(
			'messages',
			data.messages.length,
			data.messages.map(
				(m) =>
					`${escape(when(m.sentAt))}, ${escape(m.from === 'participant' ? t('messages:export.you') : p.coach)}: ${escape(m.text)}${fileLink(m.file)}`
			)
		),
		section(
			'checkins',
			data.checkins.filter((c) => c.answeredAt).length,
			data.checkins
				.filter((c) => c.answeredAt)
				.map(
					(c) =>
						`${escape(when(c.answeredAt))}: ${escape(c.faceText)}${c.changesText.length ? ` – ${escape(c.changesText.join(', '))}` : ''}${
							c.wantsContact ? ` – ${escape(t('checkins:contact'))}` : ''
						}${fileLink(c.file)}`
				)
		),
		section(
			'plan',
			data.plan.length,
			data.plan.map(
				(g) =>
					`<b>${escape(g.ownText ?? g.text)}</b>${g.ownText ? ` <span lang="nl">(${escape(g.text)})</span>` : ''}${
						g.state === 'reached' ? ` – ${escape(t('plan:done'))}` : ''
					}${
						g.steps.length
							? `<ul>${g.steps
									.map(
										(s) =>
											`<li>${s.done ? '✓ ' : ''}${escape(s.ownText ?? s.text)}${s.dueOn ? ` (${escape(formatDay(amsterdamNoon(s.dueOn), lang))})` : ''}</li>`
									)
									.join('')}</ul>`
							: ''
					}`
			)
		),
		section(
			'activities',
			data.activityRequests.length,
			data.activityRequests.map((r) => `${escape(when(r.at))}: ${escape(r.activity)}`)
		),
		section(
			'notes',
			data.coachNotes.length,
			data.coachNotes.map(
				(n) => `${escape(when(n.at))}, ${escape(n.coach ?? '')} (${escape(n.kindText)}): ${escape(n.text)}`
			)
		),
		section(
			'files',
			data.files.length,
			data.files.map((f) => `${escape(when(f.createdAt))}: <a href="${escape(f.name)}">${escape(f.name)}</a>`)
		),
		`<section><h2>${escape(t('consent:seen.title'))}</h2><ul>${data.seenBy
			.map(
				(s) => `<li>${escape(t(`consent:seen.${s.what}`, { name: s.name, day: formatDay(s.at, lang) }))}</li>`
			)
			.join('')}</ul></section>`
	];
	const { dir } = language(lang);
	return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t('consent:myData.title'))} · Opstap</title>
<style>
body { font: 18px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
li { margin: 0.5rem 0; } dt { font-weight: 700; } dd { margin: 0 0 0.5rem; }
</style>
</head>
<body>
<h1>${escape(t('consent:myData.title'))}: ${escape(p.name)}</h1>
<p>${escape(t('consent:myData.page.made', { day: formatDayTime(data.madeAt, lang) }))}</p>
<p>${escape(t('consent:myData.page.computer'))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
