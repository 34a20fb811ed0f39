import type { Labels, ScoringSpecInput } from '../scoring-spec';

// Scoring of standard instruments, keyed to the instrument by name. Structure only: how many
// items, their range, how they add up, where the published bands and the risk item are. No item
// wording is written here, ever: a site imports the licensed wording as a FHIR Questionnaire file
// under its own licence, and this specification scores it. Items are named by position (#n), so
// it fits whatever linkIds the publisher's file uses.

const severity: Record<string, Labels> = {
	minimal: {
		en: 'Few or no symptoms',
		th: 'มีอาการน้อยหรือไม่มีเลย',
		da: 'Få eller ingen symptomer',
		de: 'Wenige oder keine Beschwerden',
		sw: 'Dalili chache au hakuna',
		he: 'מעט תסמינים או בכלל לא'
	},
	mild: {
		en: 'Mild',
		th: 'เล็กน้อย',
		da: 'Lette',
		de: 'Leicht',
		sw: 'Kidogo',
		he: 'קל'
	},
	moderate: {
		en: 'Moderate',
		th: 'ปานกลาง',
		da: 'Moderate',
		de: 'Mittel',
		sw: 'Wastani',
		he: 'בינוני'
	},
	moderately_severe: {
		en: 'Moderately severe',
		th: 'ค่อนข้างรุนแรง',
		da: 'Ret svære',
		de: 'Mittelschwer',
		sw: 'Kali kiasi',
		he: 'די חמור'
	},
	severe: {
		en: 'Severe',
		th: 'รุนแรง',
		da: 'Svære',
		de: 'Schwer',
		sw: 'Kali',
		he: 'חמור'
	}
};

const band = (from: number, key: keyof typeof severity & string) => ({
	from,
	key,
	label: severity[key] ?? { en: key }
});

const positions = (n: number) => Array.from({ length: n }, (_, i) => `#${i + 1}`);

export const licensedSpecs: ScoringSpecInput[] = [
	{
		key: 'phq-9',
		items: positions(9),
		method: 'sum',
		minAnswered: 7,
		prorate: true,
		bands: [
			band(0, 'minimal'),
			band(5, 'mild'),
			band(10, 'moderate'),
			band(15, 'moderately_severe'),
			band(20, 'severe')
		],
		alerts: [{ item: '#9', atLeast: 1, level: 'urgent' }],
		higherIsBetter: false,
		range: { min: 0, max: 27 }
	},
	{
		key: 'gad-7',
		items: positions(7),
		method: 'sum',
		bands: [band(0, 'minimal'), band(5, 'mild'), band(10, 'moderate'), band(15, 'severe')],
		higherIsBetter: false,
		range: { min: 0, max: 21 }
	},
	{
		key: 'qpr-15',
		items: positions(15),
		method: 'sum',
		higherIsBetter: true,
		range: { min: 0, max: 60 }
	},
	{
		key: 'imr-client',
		items: positions(15),
		method: 'mean',
		minAnswered: 12,
		higherIsBetter: true,
		range: { min: 1, max: 5 }
	},
	{
		key: 'imr-clinician',
		items: positions(15),
		method: 'mean',
		minAnswered: 12,
		higherIsBetter: true,
		range: { min: 1, max: 5 }
	},
	{
		key: 'ucla-3',
		items: positions(3),
		method: 'sum',
		bands: [
			{
				from: 3,
				key: 'less_lonely',
				label: {
					en: 'Less lonely',
					th: 'เหงาน้อย',
					da: 'Mindre ensom',
					de: 'Weniger einsam',
					sw: 'Upweke mdogo',
					he: 'פחות בדידות'
				}
			},
			{
				from: 6,
				key: 'more_lonely',
				label: {
					en: 'More lonely',
					th: 'เหงามาก',
					da: 'Mere ensom',
					de: 'Einsamer',
					sw: 'Upweke zaidi',
					he: 'יותר בדידות'
				}
			}
		],
		higherIsBetter: false,
		range: { min: 3, max: 9 }
	},
	{
		key: 'swemwbs',
		items: positions(7),
		method: 'sum',
		// Raw sum (7-35) to the metric score, as the licence holder publishes it; a site that
		// imports SWEMWBS checks this table against the one that comes with its licence.
		conversion: [
			[7, 7],
			[8, 9.51],
			[9, 11.25],
			[10, 12.4],
			[11, 13.33],
			[12, 14.08],
			[13, 14.75],
			[14, 15.32],
			[15, 15.84],
			[16, 16.36],
			[17, 16.88],
			[18, 17.43],
			[19, 17.98],
			[20, 18.59],
			[21, 19.25],
			[22, 19.98],
			[23, 20.73],
			[24, 21.54],
			[25, 22.35],
			[26, 23.21],
			[27, 24.11],
			[28, 25.03],
			[29, 26.02],
			[30, 27.03],
			[31, 28.13],
			[32, 29.31],
			[33, 30.7],
			[34, 32.55],
			[35, 35]
		],
		higherIsBetter: true,
		range: { min: 7, max: 35 }
	}
];
