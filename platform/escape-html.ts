/** Text made safe to stand in HTML, element content or a quoted attribute alike. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
