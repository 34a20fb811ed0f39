// Names shared by raising, escalating and notifying: the notification kinds and scheduler jobs of
// safety alerts. Ids only ever travel in them, never what the person wrote.

/** An alert for the people responsible (urgent: in-app and email, whatever the quiet hours). */
export const SAFETY_ALERT = 'safety_alert';
/** The site's crisis help, shared with the person an alert is about. */
export const SAFETY_CRISIS_HELP = 'safety_crisis_help';

/** Emails the holders of one level of an alert (key `<alertId>:<level>`). */
export const SAFETY_EMAIL_JOB = 'safety.alert_email';
/** Escalates an alert still unacknowledged at its due time (key: the alert id). */
export const SAFETY_ESCALATE_JOB = 'safety.alert_escalate';
