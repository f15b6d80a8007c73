import { describe, expect, it } from 'vitest';
import { icalRows } from '../../../src/lib/server/activities/ical';

const calendar = (...lines: string[]) =>
	['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const rowsOf = (...lines: string[]) => icalRows(calendar(...lines), { category: 'ontmoeten' });

/** Europe/London as Outlook and Google write it in a feed. */
const LONDON = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/London',
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0000',
	'TZOFFSETTO:+0100',
	'TZNAME:BST',
	'DTSTART:19700329T010000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0000',
	'TZNAME:GMT',
	'DTSTART:19701025T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

describe('iCalendar feeds as import rows', () => {
	it('reads folded lines (space or tab), escapes, GEO, CATEGORIES and the organiser', () => {
		const [event] = rowsOf(
			'BEGIN:VEVENT',
			'UID:fold-1@bieb',
			'SUMMARY:Voorlezen\\; met koffie\\, thee',
			// Unfolding takes away the line break and one space: the second space is the text's.
			'  en koek',
			'DESCRIPTION:Een verhaal voor ouders en k',
			'\tinderen.\\nNeem een kussen mee.',
			'LOCATION:Marikenstraat 29\\, Nijmegen',
			'GEO:51.8466;5.8636',
			'CATEGORIES:Bibliotheek,Lezen',
			'ORGANIZER;CN="Bieb Voorbeeld":mailto:info@bieb.example',
			'DTSTART;TZID=Europe/Amsterdam:20260902T150000',
			'DTEND;TZID=Europe/Amsterdam:20260902T154500',
			'RRULE:FREQ=WEEKLY;BYDAY=WE',
			'EXDATE;TZID=Europe/Amsterdam:20261028T150000,20261104T150000',
			'RDATE;TZID=Europe/Amsterdam:20261227T110000',
			'END:VEVENT'
		);
		expect(event).toEqual({
			line: 1,
			row: {
				id: 'fold-1@bieb',
				category: 'bibliotheek',
				title: 'Voorlezen; met koffie, thee en koek',
				description: 'Een verhaal voor ouders en kinderen.\nNeem een kussen mee.',
				address: 'Marikenstraat 29, Nijmegen',
				contact: 'info@bieb.example',
				organiser: 'Bieb Voorbeeld',
				start: '2026-09-02 15:00',
				duration: '45',
				rrule: 'FREQ=WEEKLY;BYDAY=WE',
				exdates: '2026-10-28 2026-11-04',
				rdates: '2026-12-27 11:00',
				lat: '51.8466',
				lon: '5.8636'
			}
		});
	});

	it('turns a time in another zone (with its VTIMEZONE) into Amsterdam time, on both sides of summer time', () => {
		const [summer, winter] = rowsOf(
			...LONDON,
			'BEGIN:VEVENT',
			'UID:london-1',
			'SUMMARY:Walking football',
			'DTSTART;TZID=Europe/London:20260905T100000',
			'DURATION:PT1H',
			'RRULE:FREQ=WEEKLY;BYDAY=SA',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:london-2',
			'SUMMARY:Christmas lunch',
			'DTSTART;TZID=Europe/London:20261219T123000',
			'DTEND;TZID=Europe/London:20261219T143000',
			'END:VEVENT'
		);
		// London changes to summer time on the same days as Amsterdam: always an hour behind, no warning.
		expect(summer).toMatchObject({
			row: { start: '2026-09-05 11:00', duration: '60', rrule: 'FREQ=WEEKLY;BYDAY=SA' }
		});
		expect(summer).not.toHaveProperty('warnings');
		expect(winter).toMatchObject({ row: { start: '2026-12-19 13:30', duration: '120' } });
	});

	it('uses the platform time-zone data for an IANA zone the feed does not define, and moves the weekday along', () => {
		const [evening] = rowsOf(
			'BEGIN:VEVENT',
			'UID:ny-1',
			'SUMMARY:Online taalcafé',
			// 20:00 on Tuesdays in New York is 02:00 on Wednesdays in Amsterdam.
			'DTSTART;TZID=America/New_York:20261201T200000',
			'DTEND;TZID=America/New_York:20261201T210000',
			'RRULE:FREQ=WEEKLY;BYDAY=TU,TH',
			'EXDATE;TZID=America/New_York:20261208T200000',
			'END:VEVENT'
		);
		expect(evening!.error).toBeUndefined();
		expect(evening!.row).toMatchObject({
			start: '2026-12-02 02:00',
			duration: '60',
			rrule: 'FREQ=WEEKLY;BYDAY=WE,FR',
			exdates: '2026-12-09'
		});
		// America changes to summer time weeks before Europe: in those weeks the time is an hour off.
		expect(evening!.warnings).toEqual([expect.stringContaining('tijdzone America/New_York')]);
	});

	it('warns for a repeating event in UTC, and refuses what it cannot place', () => {
		const [utc, unknown, monthly] = rowsOf(
			'BEGIN:VEVENT',
			'UID:utc-1',
			'SUMMARY:In UTC',
			'DTSTART:20261201T090000Z',
			'RRULE:FREQ=WEEKLY',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:mars-1',
			'SUMMARY:Elders',
			'DTSTART;TZID=Mars/Olympus_Mons:20261201T090000',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:ny-2',
			'SUMMARY:Laatste dinsdag',
			'DTSTART;TZID=America/New_York:20261229T200000',
			'RRULE:FREQ=MONTHLY;BYDAY=-1TU',
			'END:VEVENT'
		);
		expect(utc!.row.start).toBe('2026-12-01 10:00');
		expect(utc!.warnings).toEqual([expect.stringContaining('tijdzone UTC')]);
		expect(unknown!.error).toBe('DTSTART: onbekende tijdzone "Mars/Olympus_Mons"');
		expect(monthly!.error).toMatch(/^RRULE: in Nederlandse tijd valt dit op een andere dag/);
	});

	it('takes Windows zone names, all-day events and a feed it cannot read', () => {
		const [windows, allDay] = rowsOf(
			'BEGIN:VEVENT',
			'UID:win-1',
			'SUMMARY:Uit Outlook',
			'DTSTART;TZID=W. Europe Standard Time:20261201T090000',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:day-1',
			'SUMMARY:Open dag',
			'DTSTART;VALUE=DATE:20261212',
			'DTEND;VALUE=DATE:20261213',
			'END:VEVENT'
		);
		expect(windows!.row).toMatchObject({ start: '2026-12-01 09:00', duration: '60' });
		expect(allDay!.row).toMatchObject({ start: '2026-12-12 00:00', duration: '1440' });
		const [broken] = icalRows('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nnonsense', { category: 'ontmoeten' });
		expect(broken!.error).toMatch(/^Dit iCalendar-bestand kan niet worden gelezen/);
	});
});
