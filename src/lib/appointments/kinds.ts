/**
 * What an appointment can be, where it is and what to bring: codes stored in the database, with the pictogram a
 * participant sees. Texts are in locales/<lang>/appointments.json under the same codes.
 */
export const APPOINTMENT_TYPES = [
	'firstConversation',
	'conversation',
	'homeVisit',
	'walk',
	'phoneCall',
	'videoCall',
	'activity'
] as const;
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];

export const TYPE_PICTOGRAMS: Record<AppointmentType, string> = {
	firstConversation: 'first-conversation',
	conversation: 'conversation',
	homeVisit: 'home-visit',
	walk: 'walking',
	phoneCall: 'phone',
	videoCall: 'video-call',
	activity: 'together'
};

export const PLACES = [
	'wijkcentrum',
	'townHall',
	'home',
	'activity',
	'outdoors',
	'byPhone',
	'online'
] as const;
export type Place = (typeof PLACES)[number];

export const PLACE_PICTOGRAMS: Record<Place, string> = {
	wijkcentrum: 'wijkcentrum',
	townHall: 'town-hall',
	home: 'home',
	activity: 'together',
	outdoors: 'outdoors',
	byPhone: 'phone',
	online: 'online'
};

/** Calls and video calls have no address: the coach calls. */
export const PLACE_FOR_TYPE: Partial<Record<AppointmentType, Place>> = {
	phoneCall: 'byPhone',
	videoCall: 'online',
	homeVisit: 'home'
};

export const BRING_ITEMS = [
	'id',
	'letter',
	'bankCard',
	'payslip',
	'glasses',
	'medicines',
	'phone',
	'sportsClothes'
] as const;
export type BringItem = (typeof BRING_ITEMS)[number];

export const BRING_PICTOGRAMS: Record<BringItem, string> = {
	id: 'id-card',
	letter: 'letter',
	bankCard: 'bank-card',
	payslip: 'payslip',
	glasses: 'glasses',
	medicines: 'medicines',
	phone: 'own-phone',
	sportsClothes: 'sports-clothes'
};

export const REPLIES = ['coming', 'cannot', 'callMe'] as const;
export type Reply = (typeof REPLIES)[number];

export const REASONS = ['ill', 'children', 'transport', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export const REPLY_PICTOGRAMS: Record<Reply, string> = {
	coming: 'yes',
	cannot: 'no',
	callMe: 'phone'
};

export const REASON_PICTOGRAMS: Record<Reason, string> = {
	ill: 'ill',
	children: 'children',
	transport: 'transport',
	other: 'other'
};

/** The time zone every appointment is planned and shown in (the one time module's). */
export { TIME_ZONE } from '$lib/time/amsterdam';
