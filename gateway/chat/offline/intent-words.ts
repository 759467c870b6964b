/**
 * The words that tell what kind of request a sentence is, before any of its details are read:
 * a question about the tasks, a new task without a command word, or a title too vague to write.
 */

/** Questions and requests to see: "what's on…", "do i have…", "show…", "my schedule". */
const asking =
  /^(?:what|what's|whats|when|where|which|who|whom|how|is|are|am i|do (?:i|you|we)|does|did|have i|have you|has|was|were|will (?:i|you)|any|anything|show|list|display|read|tell me(?! to)|tell about|more about|give me|send me|let me see|can i (?:see|check|view|have|get)|check|open|see|view|bring up|b?ring up|pull up|look at|up ?coming|my|agenda|details|latest|next|remaining|pending|overdue)\b|^(?:schedule|my schedule|calendar|my calendar|tasks|todos|reminders|events|lists?)\??$/i;
/** What a question is about: the tasks, a calendar or a list, or a day. */
const aboutTasks =
  /\b(?:tasks?|todos?|to-?dos?|to do|due|overdue|list|lists|plan|plans|plate|agenda|calendar|schedule|scheduled|events?|meetings?|appointments?|reminders?|alerts?|booked|busy|free|going on|happening|coming up|upcoming|next|left|pending|done|completed|finished|finish|urgent|important|priority|today|tonight|tomorrow|yesterday|week|weekend|month|morning|afternoon|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|items?|on for|birthday|party|concert|wedding|program|have to do|need to do|to be|details|start|starts|planning|show|date|need to know)\b|^when\b|^(?:do i have|have i got|are there|is there) any\b/i;

/** A question about the user's tasks, calendar or lists (not "what is the capital of…"). */
export function isQuestion(text: string): boolean {
  // "send me a reminder to call mom" asks for a reminder, not to see one.
  if (/^(?:send|give) me an? (?:reminder|notification|alert)\b/i.test(text)) return false;
  const asks = asking.test(text) || /\?\s*$/.test(text);
  return asks && aboutTasks.test(text);
}

/**
 * Verbs a to-do starts with when people write it without "add": "buy milk", "call mom
 * tomorrow", "pay rent every month". Not "make", "take", "set", "get", "do": those also start
 * requests to the assistant itself.
 */
const taskVerbs = new Set(
  (
    'answer apply arrange ask attend bake book bring buy call cancel-not change-not charge check-not ' +
    'clean collect cook email e-mail feed file fill finish fix follow-up go grab hand install iron ' +
    'learn mail meet message mop mow order organise organize pack paint pay phone pick plan post ' +
    'practice practise prepare print read-not register renew repair reply replace request return ' +
    'review ring sell send ship shop sign study submit sweep text tidy update-not vacuum visit ' +
    'wash watch water write'
  )
    .split(' ')
    .filter((verb) => !verb.endsWith('-not')),
);
/** Nouns that are a task by themselves, with a day: "dentist friday 3pm", "gym tomorrow". */
const appointmentNouns =
  /\b(?:dentist|doctor|doctors|gym|haircut|hairdresser|vet|therapy|therapist|yoga|football|soccer|tennis|swimming|piano|choir|lunch|dinner|breakfast|brunch|meeting|appointment|interview|flight|train|party|class|lesson|exam|test|birthday|anniversary|prayer|practice|reservations?)\b/i;

/**
 * Whether a sentence with no command word is still a new task: it starts with a to-do verb, or
 * names an appointment and a day. The caller has ruled out questions and changes first.
 */
export function isBareTask(text: string, hasWhen: boolean): boolean {
  const [first = '', second = ''] = text.toLowerCase().split(/\s+/);
  // "send me …", "call me …" speak to the assistant.
  if (taskVerbs.has(first) && !/^(?:me|us|it)$/.test(second)) return true;
  return hasWhen && appointmentNouns.test(text);
}

/** Words that name no task: "something", "this item", "an event", "the following". */
const vague = new Set(
  (
    'a an the this that these those it its some something sometime somewhere anything stuff thing ' +
    'things whatever item items one event events entry reminder reminders remainder note notes ' +
    'task tasks todo list lists calendar following date time in on at for to of me my about new ' +
    'with people person these please few'
  ).split(' '),
);

/** A title made only of vague words is no title: better to ask what it should be. */
export function isVagueTitle(title: string): boolean {
  const words = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s']/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.every((word) => vague.has(word));
}
