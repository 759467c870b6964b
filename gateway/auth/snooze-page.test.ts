import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../platform/escape-html.ts';
import { describeDuration, snoozePage } from './snooze-page.ts';

describe('the snooze page', () => {
  it('says durations as a reader would', () => {
    expect(describeDuration('PT10M')).toBe('10 minutes');
    expect(describeDuration('PT1H30M')).toBe('1 hour 30 minutes');
    expect(describeDuration('P1W2D')).toBe('1 week 2 days');
  });

  it('asks before snoozing, with a button that posts to the link, everything escaped', () => {
    const page = snoozePage({
      kind: 'confirm',
      title: '<b>rent</b>',
      timeZone: 'Europe/Berlin',
      snooze: { until: '2026-12-02T08:00:00.000Z' },
      action: '/api/v1/snooze?token=a.b.c&until=2026-12-02T08%3A00%3A00.000Z',
    });
    expect(page).toContain(`<strong>${escapeHtml('<b>rent</b>')}</strong>`);
    expect(page).not.toContain('<b>rent');
    expect(page).toContain('2 December 2026 at 09:00 (Europe/Berlin)');
    expect(page).toContain(
      `<form method="post" action="${escapeHtml('/api/v1/snooze?token=a.b.c&until=2026-12-02T08%3A00%3A00.000Z')}">`,
    );
  });

  it('names the stable code of a failure', () => {
    expect(
      snoozePage({ kind: 'failed', code: 'snooze_token_expired', message: 'the link has expired' }),
    ).toContain('data-code="snooze_token_expired"');
  });
});
