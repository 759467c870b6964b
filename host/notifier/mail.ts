/** A mail as the notifier renders it, before addressing. */
export interface Mail {
  subject: string;
  text: string;
  html: string;
}
