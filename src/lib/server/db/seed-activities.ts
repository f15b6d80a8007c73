import { eq, inArray } from 'drizzle-orm';
import type { Db } from '.';
import { activities, participants, postcodeCentroids } from './schema';
import type { ActivityInput } from '../activities/import';

/** Neighbourhoods of the demo municipality with the centroid of their postcode (four digits). */
const NEIGHBOURHOODS = {
	Centrum: { postcode: '6511', lat: 51.8466, lon: 5.8636 },
	Bottendaal: { postcode: '6512', lat: 51.8412, lon: 5.8531 },
	Waterkwartier: { postcode: '6521', lat: 51.8523, lon: 5.8451 },
	Hengstdal: { postcode: '6522', lat: 51.8418, lon: 5.8902 },
	Heseveld: { postcode: '6531', lat: 51.8334, lon: 5.8448 },
	Hatert: { postcode: '6532', lat: 51.8198, lon: 5.8389 },
	Dukenburg: { postcode: '6544', lat: 51.8153, lon: 5.7951 },
	Lindenholt: { postcode: '6545', lat: 51.8252, lon: 5.7902 },
	Lent: { postcode: '6663', lat: 51.8641, lon: 5.8693 }
} as const;
type Hood = keyof typeof NEIGHBOURHOODS;

type Seed = [
	id: string,
	category: string,
	title: string,
	description: string,
	hood: Hood,
	address: string,
	start: string,
	duration: number,
	rrule: string | null,
	extra?: Partial<ActivityInput>
];

const W = (days: string, interval = 1) =>
	`FREQ=WEEKLY;${interval > 1 ? `INTERVAL=${interval};` : ''}BYDAY=${days}`;

/** About forty activities in every category, drawn from what coaches told us works as a first step. */
const SEEDS: Seed[] = [
	[
		'taalcafe-centrum',
		'taalcafe',
		'Taalcafé in de bibliotheek',
		'Praat Nederlands met andere mensen. Er is koffie en thee. U hoeft niets voor te bereiden.',
		'Centrum',
		'Marikenstraat 29',
		'2026-09-01T10:00',
		90,
		W('TU'),
		{
			organiser: 'Bibliotheek Voorbeeld',
			contact: '024 327 49 11',
			languages: ['nl', 'en', 'ar'],
			wheelchair: true,
			groupSize: 15
		}
	],
	[
		'taalcafe-hatert',
		'taalcafe',
		'Taalcafé Hatert',
		'Samen Nederlands oefenen in het wijkcentrum. Vrijwilligers helpen u.',
		'Hatert',
		'Hatertseweg 812',
		'2026-09-03T14:00',
		90,
		W('TH'),
		{
			organiser: 'Wijkcentrum Hatert',
			contact: '024 355 22 10',
			languages: ['nl', 'tr', 'so'],
			childcare: true
		}
	],
	[
		'taalcafe-vrouwen',
		'taalcafe',
		'Taalcafé voor vrouwen',
		'Alleen voor vrouwen. Rustig Nederlands praten. Kinderen mogen mee, er is opvang.',
		'Dukenburg',
		'Meijhorst 60-02',
		'2026-09-02T09:30',
		90,
		W('WE'),
		{
			organiser: 'Stichting Vrouw en Buurt',
			contact: '06 1234 5601',
			womenOnly: true,
			childcare: true,
			languages: ['nl', 'ar', 'ti', 'fa']
		}
	],
	[
		'taalcafe-avond',
		'taalcafe',
		'Avondtaalcafé',
		'Na het werk of de school: praten over gewone dingen, in het Nederlands.',
		'Bottendaal',
		'Van Oldenbarneveltstraat 10',
		'2026-09-07T19:00',
		90,
		W('MO', 2),
		{
			organiser: 'Buurthuis Bottendaal',
			contact: 'taal@buurthuisbottendaal.nl',
			languages: ['nl', 'en', 'uk', 'pl']
		}
	],
	[
		'taalles-taalhuis',
		'taalles',
		'Taalhuis: Nederlands leren',
		'Lessen Nederlands in een kleine groep. Eerst een gesprek om te kijken welk niveau past.',
		'Centrum',
		'Marikenstraat 29',
		'2026-09-07T13:30',
		120,
		W('MO,WE'),
		{
			organiser: 'Taalhuis Voorbeeld',
			contact: '024 327 49 20',
			effort: 'some',
			wheelchair: true,
			groupSize: 8
		}
	],
	[
		'taalles-lezen',
		'taalles',
		'Beter lezen en schrijven',
		'Voor wie Nederlands spreekt maar moeilijk leest. Oefenen met brieven en formulieren.',
		'Heseveld',
		'Thijmstraat 40',
		'2026-09-04T10:00',
		120,
		W('FR'),
		{ organiser: 'Taalhuis Voorbeeld', contact: '024 327 49 20', effort: 'some' }
	],
	[
		'taalles-vrouwen',
		'taalles',
		'Nederlandse les voor moeders',
		'Les terwijl de kinderen spelen in de kamer ernaast.',
		'Lindenholt',
		'Zwanenveld 90-07',
		'2026-09-08T09:00',
		120,
		W('TU,TH'),
		{
			organiser: 'Stichting Vrouw en Buurt',
			contact: '06 1234 5601',
			womenOnly: true,
			childcare: true,
			effort: 'some'
		}
	],
	[
		'buurtgym-hengstdal',
		'buurtgym',
		'Buurtgym in het park',
		'Rustig bewegen in de buitenlucht. Iedereen kan meedoen, ook met pijn of zonder conditie.',
		'Hengstdal',
		'Park Hengstdal (bij de speeltuin)',
		'2026-09-01T09:30',
		60,
		W('TU,FR'),
		{ organiser: 'Sportbedrijf Voorbeeld', contact: '024 329 90 00', effort: 'some', groupSize: 20 }
	],
	[
		'buurtgym-dukenburg',
		'buurtgym',
		'Bewegen voor iedereen',
		'Oefeningen op een stoel en staand. Rustig tempo.',
		'Dukenburg',
		'Zwanenveld 90-10',
		'2026-09-02T10:30',
		60,
		W('WE'),
		{ organiser: 'Sportbedrijf Voorbeeld', contact: '024 329 90 00', effort: 'calm', wheelchair: true }
	],
	[
		'buurtgym-vrouwen',
		'buurtgym',
		'Sporten voor vrouwen',
		'Fitness en dansen alleen voor vrouwen, met een vrouwelijke trainer.',
		'Waterkwartier',
		'Waalbandijk 14',
		'2026-09-03T19:30',
		60,
		W('TH'),
		{
			organiser: 'Sportbedrijf Voorbeeld',
			contact: '024 329 90 00',
			effort: 'busy',
			womenOnly: true,
			cost: 'scheme'
		}
	],
	[
		'zwemmen-vrouwen',
		'zwemmen',
		'Zwemmen voor vrouwen',
		'Zwembad alleen voor vrouwen. Ook voor wie niet goed kan zwemmen.',
		'Dukenburg',
		'Staddijk 2 (Zwembad De Meijhorst)',
		'2026-09-06T17:00',
		60,
		W('SU'),
		{
			organiser: 'Zwembad De Meijhorst',
			contact: '024 329 72 20',
			cost: 'scheme',
			womenOnly: true,
			effort: 'some'
		}
	],
	[
		'zwemmen-les',
		'zwemmen',
		'Zwemles voor volwassenen',
		'Leren zwemmen, in een rustige groep. Voor beginners.',
		'Centrum',
		'Kronenburgersingel 10 (Zwembad West)',
		'2026-09-05T09:00',
		45,
		W('SA'),
		{
			organiser: 'Zwembad West',
			contact: '024 329 72 30',
			cost: 'price',
			priceCents: 450,
			effort: 'some',
			groupSize: 8
		}
	],
	[
		'zwemmen-vrij',
		'zwemmen',
		'Rustig baantjes zwemmen',
		'Vrij zwemmen in een rustig uur. Goed als eerste stap.',
		'Hatert',
		'Hatertseweg 900',
		'2026-09-02T13:00',
		60,
		W('MO,WE'),
		{
			organiser: 'Zwembad Hatert',
			contact: '024 329 72 40',
			cost: 'price',
			priceCents: 350,
			wheelchair: true
		}
	],
	[
		'wandelen-ommetje',
		'wandelen',
		'Wandelgroep Ommetje',
		'Elke week een uur wandelen door de wijk. Daarna samen koffie.',
		'Lindenholt',
		'Start bij Wijkcentrum Lindenholt, Zwanenveld 90',
		'2026-09-01T10:00',
		90,
		W('TU'),
		{ organiser: 'Wijkteam Lindenholt', contact: '06 1234 5602', effort: 'some' }
	],
	[
		'wandelen-lent',
		'wandelen',
		'Wandelen langs de rivier',
		'Een rustige wandeling van 4 kilometer langs de Waal.',
		'Lent',
		'Start bij de Spiegelwaal, Lentse Plas',
		'2026-09-05T10:00',
		120,
		W('SA', 2),
		{ organiser: 'Natuurwerkgroep Lent', contact: 'wandel@natuurlent.nl', effort: 'some' }
	],
	[
		'wandelen-vrouwen',
		'wandelen',
		'Wandelen en praten (vrouwen)',
		'Samen wandelen en kletsen. Alleen voor vrouwen.',
		'Heseveld',
		'Start bij de Thermion, Thijmstraat',
		'2026-09-04T09:30',
		60,
		W('FR'),
		{ organiser: 'Stichting Vrouw en Buurt', contact: '06 1234 5601', womenOnly: true }
	],
	[
		'ontmoeten-koffie-oost',
		'ontmoeten',
		'Koffieochtend in de buurt',
		'Binnenlopen voor koffie en een praatje. Kom wanneer u wilt.',
		'Hengstdal',
		'Floraweg 47 (Buurthuis)',
		'2026-09-01T10:00',
		120,
		W('MO,TH'),
		{ organiser: 'Buurthuis Hengstdal', contact: '024 360 11 22', wheelchair: true, languages: ['nl', 'tr'] }
	],
	[
		'ontmoeten-inloop',
		'ontmoeten',
		'Inloop in het wijkcentrum',
		'Even weg van huis. Er is koffie, een krant en iemand om mee te praten.',
		'Dukenburg',
		'Meijhorst 60-02',
		'2026-09-01T13:30',
		150,
		W('TU,TH'),
		{
			organiser: 'Wijkcentrum Dukenburg',
			contact: '024 344 55 66',
			wheelchair: true,
			languages: ['nl', 'ar', 'so']
		}
	],
	[
		'ontmoeten-spelletjes',
		'ontmoeten',
		'Spelletjesmiddag',
		'Samen een spel spelen: rummikub, dammen, kaarten. Uitleg is er.',
		'Waterkwartier',
		'Waalbandijk 14',
		'2026-09-03T14:00',
		120,
		W('TH', 2),
		{ organiser: 'Buurthuis Waterkwartier', contact: '024 322 33 44' }
	],
	[
		'ontmoeten-repaircafe',
		'ontmoeten',
		'Repair Café',
		'Neem iets kapots mee, samen maken we het. Of kom kijken en koffie drinken.',
		'Bottendaal',
		'Van Oldenbarneveltstraat 10',
		'2026-09-26T11:00',
		180,
		'FREQ=MONTHLY;BYDAY=-1SA',
		{ organiser: 'Repair Café Voorbeeld', contact: 'repair@voorbeeld.nl', effort: 'calm' }
	],
	[
		'restaurant-oost',
		'buurtrestaurant',
		'Buurtrestaurant De Tafel',
		'Een warme maaltijd met buren. Vegetarisch en halal.',
		'Hengstdal',
		'Floraweg 47',
		'2026-09-02T17:30',
		90,
		W('WE'),
		{
			organiser: 'Buurthuis Hengstdal',
			contact: '024 360 11 22',
			cost: 'price',
			priceCents: 500,
			groupSize: 30
		}
	],
	[
		'restaurant-hatert',
		'buurtrestaurant',
		'Samen eten in Hatert',
		'Elke vrijdag samen eten. Aanmelden tot donderdag.',
		'Hatert',
		'Hatertseweg 812',
		'2026-09-04T17:30',
		90,
		W('FR'),
		{
			organiser: 'Wijkcentrum Hatert',
			contact: '024 355 22 10',
			cost: 'price',
			priceCents: 350,
			wheelchair: true
		}
	],
	[
		'restaurant-gratis',
		'buurtrestaurant',
		'Gratis soep op zaterdag',
		'Een kom soep en brood, gratis. Iedereen is welkom.',
		'Centrum',
		'Pijlsteeg 12',
		'2026-09-05T12:00',
		90,
		W('SA'),
		{ organiser: 'Diaconie Voorbeeld', contact: '024 322 10 10' }
	],
	[
		'koken-wereld',
		'koken',
		'Wereldkeuken',
		'Samen koken uit verschillende landen. Daarna samen eten.',
		'Lindenholt',
		'Zwanenveld 90-07',
		'2026-09-09T15:00',
		180,
		W('WE', 2),
		{
			organiser: 'Wijkteam Lindenholt',
			contact: '06 1234 5602',
			cost: 'price',
			priceCents: 200,
			languages: ['nl', 'ar', 'ti', 'fa'],
			effort: 'some'
		}
	],
	[
		'koken-gezond',
		'koken',
		'Gezond koken voor weinig geld',
		'Leren koken met goedkope en gezonde boodschappen.',
		'Heseveld',
		'Thijmstraat 40',
		'2026-09-07T10:00',
		150,
		W('MO'),
		{ organiser: 'GGD Voorbeeld', contact: '024 329 70 00', effort: 'some', groupSize: 10 }
	],
	[
		'koken-vrouwen',
		'koken',
		'Kookclub voor vrouwen',
		'Samen koken en praten, alleen vrouwen.',
		'Dukenburg',
		'Meijhorst 60-02',
		'2026-09-04T13:00',
		150,
		W('FR'),
		{ organiser: 'Stichting Vrouw en Buurt', contact: '06 1234 5601', womenOnly: true, childcare: true }
	],
	[
		'moestuin-lent',
		'moestuin',
		'Buurtmoestuin Lent',
		'Samen groente kweken. U mag de oogst mee naar huis nemen.',
		'Lent',
		'Griftdijk 5',
		'2026-09-02T10:00',
		120,
		W('WE,SA'),
		{ organiser: 'Stadsboerderij Lent', contact: '024 348 12 12', effort: 'some' }
	],
	[
		'moestuin-hatert',
		'moestuin',
		'Tuinieren in Hatert',
		'Werken in de wijktuin. Rustig werk in de buitenlucht.',
		'Hatert',
		'Tuin achter Hatertseweg 812',
		'2026-09-01T13:30',
		120,
		W('TU'),
		{ organiser: 'Wijkcentrum Hatert', contact: '024 355 22 10', effort: 'some' }
	],
	[
		'computer-digi',
		'computer',
		'Digitaal Café',
		'Hulp bij uw telefoon, DigiD, e-mail en formulieren van de gemeente.',
		'Centrum',
		'Marikenstraat 29',
		'2026-09-04T10:00',
		120,
		W('FR'),
		{
			organiser: 'Bibliotheek Voorbeeld',
			contact: '024 327 49 11',
			wheelchair: true,
			languages: ['nl', 'en', 'ar', 'tr']
		}
	],
	[
		'computer-cursus',
		'computer',
		'Computercursus voor beginners',
		'Zes lessen: muis, internet, e-mail. Een laptop is er.',
		'Waterkwartier',
		'Waalbandijk 14',
		'2026-09-08T13:30',
		120,
		'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
		{ organiser: 'SeniorWeb Voorbeeld', contact: '024 322 33 45', effort: 'some', groupSize: 6 }
	],
	[
		'computer-telefoon',
		'computer',
		'Spreekuur: hulp met uw telefoon',
		'Vragen over WhatsApp, apps of uw bankapp? Loop binnen.',
		'Lindenholt',
		'Zwanenveld 90',
		'2026-09-03T10:00',
		120,
		W('TH'),
		{ organiser: 'Bibliotheek Voorbeeld', contact: '024 327 49 11' }
	],
	[
		'fietsles-vrouwen',
		'fietsles',
		'Fietsles voor vrouwen',
		'Leren fietsen op een rustig plein. Fiets en helm zijn er.',
		'Heseveld',
		'Schoolplein Thijmstraat 40',
		'2026-09-05T10:00',
		90,
		W('SA'),
		{
			organiser: 'Fietsschool Voorbeeld',
			contact: '06 1234 5603',
			womenOnly: true,
			effort: 'some',
			groupSize: 8
		}
	],
	[
		'fietsles-verkeer',
		'fietsles',
		'Veilig fietsen in het verkeer',
		'Voor wie al een beetje kan fietsen: oefenen op straat.',
		'Dukenburg',
		'Meijhorst 60-02',
		'2026-09-09T14:00',
		90,
		W('WE'),
		{ organiser: 'Fietsschool Voorbeeld', contact: '06 1234 5603', effort: 'busy' }
	],
	[
		'bieb-voorlezen',
		'bibliotheek',
		'Voorlezen voor ouders en kinderen',
		'Samen met uw kind luisteren naar een verhaal. Ook in andere talen.',
		'Dukenburg',
		'Meijhorst 60-01 (Bibliotheek)',
		'2026-09-02T15:00',
		45,
		W('WE'),
		{
			organiser: 'Bibliotheek Voorbeeld',
			contact: '024 327 49 11',
			childcare: true,
			languages: ['nl', 'ar', 'tr', 'so']
		}
	],
	[
		'bieb-pas',
		'bibliotheek',
		'Gratis bibliotheekpas halen',
		'Met de Meedoen-pas is lid worden gratis. Medewerkers helpen u.',
		'Centrum',
		'Marikenstraat 29',
		'2026-09-01T10:00',
		480,
		W('MO,TU,WE,TH,FR'),
		{ organiser: 'Bibliotheek Voorbeeld', contact: '024 327 49 11', cost: 'scheme', wheelchair: true }
	],
	[
		'bieb-krant',
		'bibliotheek',
		'Krant lezen in makkelijke taal',
		'Samen het nieuws lezen in eenvoudig Nederlands.',
		'Hatert',
		'Hatertseweg 812',
		'2026-09-07T10:30',
		60,
		W('MO'),
		{ organiser: 'Bibliotheek Voorbeeld', contact: '024 327 49 11' }
	],
	[
		'maatje-samen',
		'maatje',
		'Maatje: samen op stap',
		'Een vrijwilliger gaat met u mee, bijvoorbeeld naar de markt of een activiteit. Eerst een kennismaking.',
		'Centrum',
		'Kantoor Humanitas, Oranjesingel 7',
		'2026-09-02T10:00',
		60,
		W('WE'),
		{ organiser: 'Humanitas Voorbeeld', contact: '024 322 88 00' }
	],
	[
		'maatje-taal',
		'maatje',
		'Taalmaatje',
		'Een vaste vrijwilliger om Nederlands mee te oefenen, bij u thuis of in de bibliotheek.',
		'Bottendaal',
		'Van Oldenbarneveltstraat 10',
		'2026-09-03T13:00',
		60,
		W('TH', 2),
		{
			organiser: 'VluchtelingenWerk Voorbeeld',
			contact: '024 322 77 00',
			languages: ['nl', 'en', 'ar', 'ti', 'fa']
		}
	],
	[
		'vrijwilliger-voedselbank',
		'vrijwilligerswerk',
		'Helpen bij de voedselbank',
		'Pakketten inpakken met een vaste groep. Geen ervaring nodig.',
		'Heseveld',
		'Energieweg 7',
		'2026-09-03T09:00',
		180,
		W('TH'),
		{ organiser: 'Voedselbank Voorbeeld', contact: '024 378 00 11', effort: 'busy', groupSize: 12 }
	],
	[
		'vrijwilliger-kringloop',
		'vrijwilligerswerk',
		'Meewerken in de kringloopwinkel',
		'Spullen sorteren en in de winkel zetten. Ook een paar uur per week is goed.',
		'Dukenburg',
		'Zwanenveld 12',
		'2026-09-01T09:30',
		180,
		W('TU,FR'),
		{ organiser: 'Kringloop Voorbeeld', contact: '024 344 00 99', effort: 'busy' }
	],
	[
		'vrijwilliger-buurthuis',
		'vrijwilligerswerk',
		'Gastvrouw of gastheer in het buurthuis',
		'Koffie schenken en mensen welkom heten.',
		'Hengstdal',
		'Floraweg 47',
		'2026-09-01T09:30',
		180,
		W('MO'),
		{ organiser: 'Buurthuis Hengstdal', contact: '024 360 11 22', effort: 'some' }
	],
	[
		'vrijwilliger-info',
		'vrijwilligerswerk',
		'Infomiddag vrijwilligerswerk',
		'Hoor welk vrijwilligerswerk er is en wat bij u past.',
		'Centrum',
		'Vrijwilligerscentrale, Mariënburg 75',
		'2026-10-07T14:00',
		90,
		null,
		{
			organiser: 'Vrijwilligerscentrale Voorbeeld',
			contact: '024 323 45 00',
			rdates: ['2026-11-04T14:00', '2026-12-02T14:00', '2027-01-13T14:00']
		}
	],
	[
		'creatief-naaien',
		'creatief',
		'Naaiatelier',
		'Samen naaien en kleding herstellen. Naaimachines zijn er.',
		'Waterkwartier',
		'Waalbandijk 14',
		'2026-09-01T13:00',
		150,
		W('TU'),
		{ organiser: 'Buurthuis Waterkwartier', contact: '024 322 33 44', womenOnly: true, childcare: true }
	],
	[
		'creatief-schilderen',
		'creatief',
		'Schilderen en tekenen',
		'Vrij schilderen in een rustige ruimte. Materiaal is er.',
		'Bottendaal',
		'Van Oldenbarneveltstraat 10',
		'2026-09-03T10:00',
		120,
		W('TH'),
		{ organiser: 'Buurthuis Bottendaal', contact: '024 322 55 66', cost: 'price', priceCents: 200 }
	],
	[
		'creatief-muziek',
		'creatief',
		'Samen zingen',
		'Liedjes uit veel landen. Kunnen zingen is niet nodig.',
		'Lindenholt',
		'Zwanenveld 90',
		'2026-09-07T19:00',
		90,
		W('MO'),
		{
			organiser: 'Koor Iedereen Welkom',
			contact: 'zingen@voorbeeld.nl',
			closed: true,
			closedReason: 'Zomerstop: weer open in januari.'
		}
	]
];

/** Translations of some titles, as a municipality would add them. */
const TRANSLATIONS: Record<string, Record<string, string>> = {
	'taalcafe-centrum': {
		en: 'Language café in the library',
		tr: 'Kütüphanede dil kafesi',
		ar: 'مقهى اللغة في المكتبة',
		so: 'Maqaaxida luqadda ee maktabadda',
		ti: 'ናይ ቋንቋ ካፌ ኣብ ቤተ-መጻሕፍቲ',
		fa: 'کافه زبان در کتابخانه',
		uk: 'Мовне кафе в бібліотеці',
		pl: 'Kawiarenka językowa w bibliotece'
	},
	'ontmoeten-inloop': {
		en: 'Drop-in at the community centre',
		tr: 'Mahalle merkezinde açık kapı',
		ar: 'لقاء مفتوح في مركز الحي',
		so: 'Kulan furan oo xarunta xaafadda',
		ti: 'ክፉት ርክብ ኣብ ማእከል ከባቢ',
		fa: 'دیدار آزاد در مرکز محله',
		uk: 'Відкриті зустрічі в районному центрі',
		pl: 'Spotkania otwarte w domu sąsiedzkim'
	},
	'restaurant-gratis': {
		en: 'Free soup on Saturday',
		tr: 'Cumartesi ücretsiz çorba',
		ar: 'حساء مجاني يوم السبت',
		so: 'Maraq bilaash ah Sabtida',
		ti: 'ብናጻ መረቕ ቀዳም',
		fa: 'سوپ رایگان روز شنبه',
		uk: 'Безкоштовний суп у суботу',
		pl: 'Darmowa zupa w sobotę'
	},
	'buurtgym-hengstdal': {
		en: 'Neighbourhood gym in the park',
		tr: 'Parkta mahalle jimnastiği',
		ar: 'رياضة الحي في الحديقة',
		so: 'Jimicsiga xaafadda ee beerta',
		ti: 'ናይ ከባቢ ስፖርት ኣብ መናፈሻ',
		fa: 'ورزش محله در پارک',
		uk: 'Районна гімнастика в парку',
		pl: 'Gimnastyka sąsiedzka w parku'
	}
};

/** The demo municipality's activities and postcode centroids; a second run changes nothing. */
export async function seedActivities(db: Db, organisationId: string): Promise<void> {
	const [any] = await db
		.select({ id: activities.id })
		.from(activities)
		.where(eq(activities.organisationId, organisationId))
		.limit(1);
	if (any) return;
	// Some demo participants have given their postcode, so "near me" works for them at once.
	for (const [postcode, slugs] of [
		['6544', ['demo-hodan', 'demo-yonas']],
		['6522', ['demo-fatma', 'demo-samira']]
	] as const) {
		await db
			.update(participants)
			.set({ postcode })
			.where(inArray(participants.slug, [...slugs]));
	}
	await db
		.insert(postcodeCentroids)
		.values(Object.values(NEIGHBOURHOODS).map((n) => ({ organisationId, ...n })))
		.onConflictDoNothing();
	await db.insert(activities).values(
		SEEDS.map(
			([externalId, category, title, description, hood, address, start, duration, rrule, extra], i) => {
				const place = NEIGHBOURHOODS[hood];
				// Spread the places a little around the neighbourhood's centre.
				const jitter = ((i * 37) % 11) / 11 - 0.5;
				return {
					organisationId,
					externalId,
					category,
					title,
					description,
					translations: Object.fromEntries(
						Object.entries(TRANSLATIONS[externalId] ?? {}).map(([lang, t]) => [lang, { title: t }])
					),
					address: `${address}, Voorbeeld`,
					neighbourhood: hood,
					postcode: place.postcode,
					lat: Math.round((place.lat + jitter * 0.004) * 1e5) / 1e5,
					lon: Math.round((place.lon - jitter * 0.006) * 1e5) / 1e5,
					start,
					durationMinutes: duration,
					rrule,
					...extra
				};
			}
		)
	);
}
