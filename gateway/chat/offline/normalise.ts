import { digitsForSpokenNumbers } from './spoken-numbers.ts';

/**
 * What people put around a request without changing it: a wake word ("ok google", "olly"),
 * politeness ("please", "can you", "i want you to"), and thanks. Taken off the ends only, so a
 * title keeps its words ("ask olly about the rota").
 */
const leadingFillers =
  /^(?:(?:ok(?:ay)?|hey|hi|hello|yo)\s+)?(?:google|siri|alexa|olly|assistant|computer)\b[\s,]*|^(?:hey|hi|ok(?:ay)?|so|well|um+|uh+|alright|now)\b[\s,]+|^(?:please|kindly|pls|plz|do|just|completely|go\s+ahead\s+and)\b[\s,]*(?=\S)(?!i\b|you\b|we\b)|^(?:(?:can|could|would|will)\s+you(?:\s+please)?|i\s+(?:want|need|would\s+like|wish)\s+(?:you|for\s+you)\s+to|i'd\s+like\s+(?:you\s+)?to|i\s+would\s+like\s+to|i\s+want\s+to|help\s+me(?:\s+to)?|go\s+ahead\s+and|let'?s)\b\s*/i;
const trailingFillers =
  /[\s,]*\b(?:please|thanks|thank\s+you|for\s+me|olly|google|siri|alexa|now|right\s+now)[\s.!]*$/i;

/** Contractions people type without the apostrophe or with a typographic one. */
const contractions: [RegExp, string][] = [
  [/[’‘]/g, "'"],
  [/\bwhats\b/gi, "what's"],
  [/\bwhat is\b/gi, "what's"],
  [/\bdont\b/gi, "don't"],
  [/\bim\b/gi, "i'm"],
  // "a week from today" → "in a week": the form the date reader knows.
  [/\b(an?|one|\d+) (minute|hour|day|week|month|year)s? from (?:today|now)\b/gi, 'in $1 $2'],
  [
    /\b(today|tomorrow|tonight|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)'s\b/gi,
    '$1',
  ],
];

/** Up to this many filler layers are peeled ("ok google please can you …"). */
const MAX_FILLERS = 4;

/**
 * One form for the rules to read: single spaces, straight apostrophes, digits for spoken
 * numbers, no wake words or politeness around the request. Case is kept (titles keep it).
 */
export function normalise(message: string): string {
  let text = message.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of contractions) text = text.replace(pattern, replacement);
  text = digitsForSpokenNumbers(text);
  // "we're out of paint so take bathroom painting off the list": the request is the last clause.
  text = text.replace(
    /^.{1,200}?\b(?:so|and then|then)\s+(?=(?:take|remove|delete|cancel|add|put|remind)\b)/i,
    '',
  );
  for (let i = 0; i < MAX_FILLERS; i++) {
    const peeled = text.replace(leadingFillers, '').replace(trailingFillers, '').trim();
    if (peeled === text || peeled === '') break;
    text = peeled;
  }
  return text;
}
