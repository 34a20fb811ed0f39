import type { Labels } from '../scoring-spec';
import { ownQuestionnaire } from './own-questionnaire';

// Kith's own feedback form after a group session: three statements and an optional note to the
// facilitators (free text, stored encrypted).

const scale: Labels[] = [
	{
		en: 'Disagree strongly',
		th: 'ไม่เห็นด้วยอย่างยิ่ง',
		da: 'Helt uenig',
		de: 'Stimme gar nicht zu',
		sw: 'Sikubali kabisa',
		he: 'ממש לא מסכים/ה'
	},
	{
		en: 'Disagree',
		th: 'ไม่เห็นด้วย',
		da: 'Uenig',
		de: 'Stimme nicht zu',
		sw: 'Sikubali',
		he: 'לא מסכים/ה'
	},
	{
		en: 'Not sure',
		th: 'ไม่แน่ใจ',
		da: 'Ved ikke',
		de: 'Weiß nicht',
		sw: 'Sina uhakika',
		he: 'לא בטוח/ה'
	},
	{ en: 'Agree', th: 'เห็นด้วย', da: 'Enig', de: 'Stimme zu', sw: 'Nakubali', he: 'מסכים/ה' },
	{
		en: 'Agree strongly',
		th: 'เห็นด้วยอย่างยิ่ง',
		da: 'Helt enig',
		de: 'Stimme voll zu',
		sw: 'Nakubali kabisa',
		he: 'מסכים/ה מאוד'
	}
];

export const SESSION_FEEDBACK_KEY = 'kith-session-feedback';

export const sessionFeedback = ownQuestionnaire({
	name: 'KithSessionFeedback',
	title: {
		en: 'How was the session?',
		th: 'การพบกันครั้งนี้เป็นอย่างไรบ้าง',
		da: 'Hvordan var mødet?',
		de: 'Wie war das Treffen?',
		sw: 'Kipindi kilikuwaje?',
		he: 'איך היה המפגש?'
	},
	items: [
		{
			linkId: 'useful',
			required: true,
			scale,
			text: {
				en: "Today's session was useful to me.",
				th: 'การพบกันวันนี้มีประโยชน์สำหรับฉัน',
				da: 'Dagens møde var nyttigt for mig.',
				de: 'Das heutige Treffen war hilfreich für mich.',
				sw: 'Kipindi cha leo kilinisaidia.',
				he: 'המפגש היום היה מועיל לי.'
			}
		},
		{
			linkId: 'heard',
			required: true,
			scale,
			text: {
				en: 'I felt listened to and respected.',
				th: 'ฉันรู้สึกว่ามีคนรับฟังและให้เกียรติ',
				da: 'Jeg følte mig lyttet til og respekteret.',
				de: 'Ich habe mich gehört und respektiert gefühlt.',
				sw: 'Nilijisikia kusikilizwa na kuheshimiwa.',
				he: 'הרגשתי שמקשיבים לי ומכבדים אותי.'
			}
		},
		{
			linkId: 'return',
			required: true,
			scale,
			text: {
				en: 'I would like to come to the next session.',
				th: 'ฉันอยากมาร่วมการพบกันครั้งหน้า',
				da: 'Jeg vil gerne komme til næste møde.',
				de: 'Ich möchte zum nächsten Treffen kommen.',
				sw: 'Ningependa kuja kwenye kipindi kijacho.',
				he: 'אשמח להגיע למפגש הבא.'
			}
		},
		{
			linkId: 'note',
			free: true,
			text: {
				en: 'Anything you would like the facilitators to know? (optional)',
				th: 'มีอะไรที่อยากบอกผู้นำกลุ่มไหม (ไม่บังคับ)',
				da: 'Er der noget, du gerne vil have, at mødelederne ved? (valgfrit)',
				de: 'Möchtest du den Leitenden noch etwas sagen? (freiwillig)',
				sw: 'Kuna jambo ungependa wawezeshaji wajue? (si lazima)',
				he: 'יש משהו שתרצה/י שהמנחים יידעו? (לא חובה)'
			}
		}
	],
	scoring: {
		key: SESSION_FEEDBACK_KEY,
		items: 'all',
		method: 'mean',
		minAnswered: 2,
		higherIsBetter: true,
		range: { min: 0, max: 4 }
	}
});
