/**
 * The demo site's two crisis contacts in its other languages, as the site settings form takes
 * them ("name | hours | description", one line a contact, in the order of the English list).
 * The numbers stay as in the English list: they are the same in every language.
 */
export const demoCrisisWords: Record<string, string> = {
	crisisWords_th: [
		'เหตุฉุกเฉิน | ตลอด 24 ชั่วโมง | ถ้ามีใครตกอยู่ในอันตรายตอนนี้ ให้โทรเลย',
		'สายรับฟังตัวอย่าง (เป็นตัวอย่างเท่านั้น ไม่ใช่บริการจริง) | ทุกวัน 18:00-02:00 | คุยกับคนที่พร้อมรับฟัง โดยไม่ต้องบอกชื่อ'
	].join('\n'),
	crisisWords_da: [
		'Alarmcentralen | Døgnet rundt | Ring, hvis nogen er i fare lige nu.',
		'Demo-samtalelinjen (kun et eksempel, ikke en rigtig tjeneste) | Hver dag 18:00-02:00 | Tal med en, der lytter – du behøver ikke sige dit navn.'
	].join('\n'),
	crisisWords_de: [
		'Notruf | Rund um die Uhr | Ruf an, wenn jemand gerade in Gefahr ist.',
		'Demo-Zuhörtelefon (nur ein Beispiel, kein echter Dienst) | Jeden Tag 18:00-02:00 | Sprich mit jemandem, der zuhört – ohne deinen Namen zu nennen.'
	].join('\n'),
	crisisWords_sw: [
		'Huduma za dharura | Saa 24 | Piga simu kama mtu yuko hatarini sasa hivi.',
		'Simu ya mfano ya kusikilizwa (ni mfano tu, si huduma halisi) | Kila siku 18:00-02:00 | Ongea na mtu anayesikiliza, bila kutaja jina lako.'
	].join('\n'),
	crisisWords_he: [
		'שירותי חירום | 24 שעות ביממה | אם מישהו בסכנה עכשיו, כדאי להתקשר.',
		'קו הקשבה לדוגמה (דוגמה בלבד, לא שירות אמיתי) | כל יום 18:00-02:00 | אפשר לדבר עם מישהו שמקשיב, בלי לומר את השם.'
	].join('\n')
};
