import { TIME_ZONE } from '$lib/time/amsterdam';
import type { AppointmentType, BringItem, Place, Reason, Reply } from '$lib/appointments/kinds';

/** The coach workspace is Dutch; these are the coach's words (the participant's are in the appointments namespace of locales). */
export const TYPE_LABELS: Record<AppointmentType, string> = {
	firstConversation: 'Eerste gesprek',
	conversation: 'Gesprek',
	homeVisit: 'Huisbezoek',
	walk: 'Wandeling',
	phoneCall: 'Telefoongesprek',
	videoCall: 'Videogesprek',
	activity: 'Samen naar een activiteit'
};

export const PLACE_LABELS: Record<Place, string> = {
	wijkcentrum: 'Wijkcentrum',
	townHall: 'Gemeentehuis',
	home: 'Bij de deelnemer thuis',
	activity: 'Adres van de activiteit',
	outdoors: 'Buiten',
	byPhone: 'Telefonisch (jij belt)',
	online: 'Video'
};

export const BRING_LABELS: Record<BringItem, string> = {
	id: 'ID-kaart of paspoort',
	letter: 'De brief',
	bankCard: 'Bankpas',
	payslip: 'Loonstrook',
	glasses: 'Bril',
	medicines: 'Medicijnen',
	phone: 'Telefoon',
	sportsClothes: 'Sportkleren'
};

export const REPLY_LABELS: Record<Reply, string> = {
	coming: 'Komt',
	cannot: 'Kan niet',
	callMe: 'Wil gebeld worden'
};

export const REASON_LABELS: Record<Reason, string> = {
	ill: 'ziek',
	children: 'zorg voor kinderen',
	transport: 'geen vervoer',
	other: 'iets anders'
};

export const dutchDateTime = new Intl.DateTimeFormat('nl-NL', {
	timeZone: TIME_ZONE,
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	hour: '2-digit',
	minute: '2-digit'
});

export const dutchTime = new Intl.DateTimeFormat('nl-NL', {
	timeZone: TIME_ZONE,
	hour: '2-digit',
	minute: '2-digit'
});
