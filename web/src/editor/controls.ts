import { h } from '../core/dom.ts';

/** Labelled form controls of the task editor. */
/** Whether the browser knows the zone (a name still being typed is not one yet). */
export const knownZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
};

/** A control with its label (and a hint). */
export const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
  h(
    'p',
    {},
    h('label', { for: id }, label),
    control,
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );

/** A select that reports a change of its value. */
export function select(
  id: string,
  options: [value: string, label: string][],
  value: string,
  onChange: (value: string) => void,
): HTMLSelectElement {
  const control = h(
    'select',
    { id },
    ...options.map(([optionValue, label]) =>
      h('option', { value: optionValue, selected: optionValue === value }, label),
    ),
  );
  control.addEventListener('change', () => onChange(control.value));
  return control;
}

/** An integer input that reports its value (null when empty) on input. */
export function numberInput(
  id: string,
  value: number | null,
  limits: { min: number; max: number; required?: boolean },
  onInput: (value: number | null) => void,
): HTMLInputElement {
  const control = h('input', {
    id,
    type: 'number',
    min: limits.min,
    max: limits.max,
    step: 1,
    required: limits.required ?? true,
    value: value ?? '',
  });
  control.addEventListener('input', () =>
    onInput(control.value === '' ? null : control.valueAsNumber),
  );
  return control;
}
