import { describe, expect, it } from 'vitest';
import { appsFor, controlPlaneSize, parseProfile } from './apps.ts';

describe('stack profiles', () => {
  it('keeps the default profile light and its process names as they were', () => {
    expect(appsFor('default').map((app) => app.name)).toEqual([
      'todo-actors',
      'todo-projector',
      'todo-audit',
      'todo-notifier-1',
      'todo-notifier-2',
      'todo-realtime-1',
      'todo-realtime-2',
      'todo-gateway',
    ]);
    expect(controlPlaneSize('default')).toEqual({ placement: 1, scheduler: 1, kafkaBrokers: 1 });
  });

  it('runs three actor hosts, two of every other app and quorums of three in ha', () => {
    const apps = appsFor('ha');
    const count = (appId: string) => apps.filter((app) => app.appId === appId).length;
    expect(apps.filter((app) => app.appId === 'todo-actors').map((app) => app.name)).toEqual([
      'todo-actors-1',
      'todo-actors-2',
      'todo-actors-3',
    ]);
    for (const appId of [
      'todo-gateway',
      'todo-projector',
      'todo-audit',
      'todo-notifier',
      'todo-realtime',
    ]) {
      expect(count(appId)).toBe(2);
    }
    expect(new Set(apps.map((app) => app.name)).size).toBe(apps.length);
    expect(controlPlaneSize('ha')).toEqual({ placement: 3, scheduler: 3, kafkaBrokers: 3 });
  });

  it('runs the chosen number of actor hosts whatever the profile, the rest as the profile says', () => {
    const actorHosts = (apps: { appId: string; name: string }[]) =>
      apps.filter((app) => app.appId === 'todo-actors').map((app) => app.name);
    expect(actorHosts(appsFor('default', { actorHosts: 1 }))).toEqual(['todo-actors']);
    expect(actorHosts(appsFor('default', { actorHosts: 2 }))).toEqual([
      'todo-actors-1',
      'todo-actors-2',
    ]);
    expect(actorHosts(appsFor('ha', { actorHosts: 1 }))).toEqual(['todo-actors']);
    expect(actorHosts(appsFor('default', { actorHosts: 4 }))).toHaveLength(4);
    const others = (apps: { appId: string; name: string }[]) =>
      apps.filter((app) => app.appId !== 'todo-actors').map((app) => app.name);
    expect(others(appsFor('default', { actorHosts: 3 }))).toEqual(others(appsFor('default')));
    expect(others(appsFor('ha', { actorHosts: 1 }))).toEqual(others(appsFor('ha')));
  });

  it('refuses an actor host count that is not a whole number from 1 to 9', () => {
    for (const actorHosts of [0, -1, 1.5, 10, Number.NaN]) {
      expect(() => appsFor('default', { actorHosts })).toThrow(/actor hosts must be/);
    }
  });

  it('refuses an unknown profile', () => {
    expect(parseProfile(undefined)).toBe('default');
    expect(() => parseProfile('huge')).toThrow(/unknown profile huge/);
  });
});
