import type { Labels } from '../scoring-spec';
import { ownQuestionnaire } from './own-questionnaire';

// Kith's own weekly recovery check-in: five questions, one for each part of CHIME (connectedness,
// hope, identity, meaning, empowerment), in Kith's own words. Not a validated instrument: it shows
// a person how their weeks go, it does not measure recovery for a study.

const scale: Labels[] = [
	{
		en: 'Not at all',
		th: 'ไม่เลย',
		da: 'Slet ikke',
		de: 'Gar nicht',
		sw: 'Hata kidogo',
		he: 'בכלל לא'
	},
	{ en: 'A little', th: 'เล็กน้อย', da: 'Lidt', de: 'Ein wenig', sw: 'Kidogo', he: 'קצת' },
	{ en: 'Somewhat', th: 'ปานกลาง', da: 'Noget', de: 'Teilweise', sw: 'Kiasi', he: 'במידה מסוימת' },
	{
		en: 'Quite a lot',
		th: 'ค่อนข้างมาก',
		da: 'En hel del',
		de: 'Ziemlich',
		sw: 'Kwa kiasi kikubwa',
		he: 'די הרבה'
	},
	{ en: 'Very much', th: 'มากที่สุด', da: 'Rigtig meget', de: 'Sehr', sw: 'Sana', he: 'מאוד' }
];

const questions: { linkId: string; text: Labels }[] = [
	{
		linkId: 'connectedness',
		text: {
			en: 'This week, I felt connected to people who matter to me.',
			th: 'สัปดาห์นี้ ฉันรู้สึกใกล้ชิดกับคนที่สำคัญกับฉัน',
			da: 'I denne uge følte jeg mig forbundet med mennesker, der betyder noget for mig.',
			de: 'Diese Woche habe ich mich mit Menschen verbunden gefühlt, die mir wichtig sind.',
			sw: 'Wiki hii, nilijisikia karibu na watu walio muhimu kwangu.',
			he: 'השבוע הרגשתי קשר לאנשים שחשובים לי.'
		}
	},
	{
		linkId: 'hope',
		text: {
			en: 'This week, I felt hopeful about what lies ahead.',
			th: 'สัปดาห์นี้ ฉันรู้สึกมีความหวังกับสิ่งที่รออยู่ข้างหน้า',
			da: 'I denne uge følte jeg håb for det, der ligger foran mig.',
			de: 'Diese Woche habe ich Hoffnung für das gespürt, was vor mir liegt.',
			sw: 'Wiki hii, nilijisikia kuwa na matumaini kuhusu yaliyo mbele yangu.',
			he: 'השבוע הרגשתי תקווה לגבי מה שמחכה לי.'
		}
	},
	{
		linkId: 'identity',
		text: {
			en: 'This week, I felt like myself, and not only my difficulties.',
			th: 'สัปดาห์นี้ ฉันรู้สึกเป็นตัวของตัวเอง ไม่ใช่แค่ปัญหาที่ฉันมี',
			da: 'I denne uge følte jeg mig som mig selv og ikke kun som mine vanskeligheder.',
			de: 'Diese Woche habe ich mich wie ich selbst gefühlt, nicht nur wie meine Schwierigkeiten.',
			sw: 'Wiki hii, nilijisikia kuwa mimi mwenyewe, si changamoto zangu tu.',
			he: 'השבוע הרגשתי שאני עצמי, ולא רק הקשיים שלי.'
		}
	},
	{
		linkId: 'meaning',
		text: {
			en: 'This week, I did things that felt meaningful to me.',
			th: 'สัปดาห์นี้ ฉันได้ทำสิ่งที่มีความหมายสำหรับฉัน',
			da: 'I denne uge gjorde jeg ting, der føltes meningsfulde for mig.',
			de: 'Diese Woche habe ich Dinge getan, die für mich Sinn hatten.',
			sw: 'Wiki hii, nilifanya mambo yaliyokuwa na maana kwangu.',
			he: 'השבוע עשיתי דברים שהיו משמעותיים בשבילי.'
		}
	},
	{
		linkId: 'empowerment',
		text: {
			en: 'This week, I felt I had a say in my own life.',
			th: 'สัปดาห์นี้ ฉันรู้สึกว่าได้มีส่วนกำหนดชีวิตของตัวเอง',
			da: 'I denne uge følte jeg, at jeg havde noget at sige i mit eget liv.',
			de: 'Diese Woche hatte ich das Gefühl, über mein eigenes Leben mitzubestimmen.',
			sw: 'Wiki hii, nilijisikia kuwa na sauti katika maisha yangu mwenyewe.',
			he: 'השבוע הרגשתי שיש לי מילה בחיים שלי.'
		}
	}
];

export const RECOVERY_CHECKIN_KEY = 'kith-recovery-checkin';

export const recoveryCheckin = ownQuestionnaire({
	name: 'KithRecoveryCheckin',
	title: {
		en: 'Weekly recovery check-in',
		th: 'เช็กอินการฟื้นตัวประจำสัปดาห์',
		da: 'Ugentligt tjek-ind om din bedring',
		de: 'Wöchentlicher Check-in zur Genesung',
		sw: 'Ukaguzi wa kila wiki wa kupona',
		he: "צ'ק-אין שבועי להחלמה"
	},
	items: questions.map((q) => ({ ...q, scale, required: true })),
	scoring: {
		key: RECOVERY_CHECKIN_KEY,
		items: 'all',
		method: 'sum',
		bands: [
			{
				from: 0,
				key: 'hard',
				label: {
					en: 'A hard week',
					th: 'สัปดาห์ที่ยากลำบาก',
					da: 'En svær uge',
					de: 'Eine schwere Woche',
					sw: 'Wiki ngumu',
					he: 'שבוע קשה'
				}
			},
			{
				from: 8,
				key: 'mixed',
				label: {
					en: 'Some good moments',
					th: 'มีช่วงเวลาดีๆ บ้าง',
					da: 'Nogle gode øjeblikke',
					de: 'Einige gute Momente',
					sw: 'Nyakati nzuri kiasi',
					he: 'כמה רגעים טובים'
				}
			},
			{
				from: 14,
				key: 'good',
				label: {
					en: 'A good week',
					th: 'สัปดาห์ที่ดี',
					da: 'En god uge',
					de: 'Eine gute Woche',
					sw: 'Wiki nzuri',
					he: 'שבוע טוב'
				}
			}
		],
		higherIsBetter: true,
		range: { min: 0, max: 20 }
	}
});
