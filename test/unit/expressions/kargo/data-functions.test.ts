import { describe, expect, it } from 'vitest';
import { kargoFunctions, type KargoLookups } from '../../../../src/expressions/kargo/index.js';
import { callJS } from './call.js';

const lookups: KargoLookups = {
  configMap: (name) => (name === 'settings' ? { env: 'prod' } : undefined),
  sharedConfigMap: (name) => (name === 'global' ? { region: 'eu' } : undefined),
  secret: (name) => (name === 'creds' ? { data: { user: 'u', pass: 'p' } } : undefined),
  sharedSecret: (name) =>
    name === 'generic'
      ? { data: { token: 't' }, labels: { 'kargo.akuity.io/cred-type': 'generic' } }
      : name === 'repo'
        ? { data: { password: 'x' }, labels: { 'kargo.akuity.io/cred-type': 'git' } }
        : undefined,
  freight: (name) => (name === 'f1' ? { status: { metadata: { approvedBy: 'qa', score: 7 }, currentlyIn: { test: {} } } } : name === 'f2' ? {} : undefined),
  stage: (name) => {
    if (name === 'broken') throw new Error('connection refused');
    return name === 'prod' ? { status: { metadata: { ring: 2 } } } : undefined;
  },
};
const f = kargoFunctions({ lookups });

describe('configMap() and sharedConfigMap()', () => {
  it('return the data, or an empty map when not found', () => {
    expect(callJS(f['configMap']!, 'settings')).toEqual({ env: 'prod' });
    expect(callJS(f['configMap']!, 'missing')).toEqual({});
    expect(callJS(f['sharedConfigMap']!, 'global')).toEqual({ region: 'eu' });
  });

  it('require one string argument', () => {
    expect(() => callJS(f['configMap']!)).toThrow('expected 1 argument, got 0');
    expect(() => callJS(f['configMap']!, true)).toThrow('argument must be string, got bool');
  });
});

describe('secret() and sharedSecret()', () => {
  it('return project secrets whatever their labels', () => {
    expect(callJS(f['secret']!, 'creds')).toEqual({ user: 'u', pass: 'p' });
    expect(callJS(f['secret']!, 'missing')).toEqual({});
  });

  it('return shared secrets only when labelled as generic credentials', () => {
    expect(callJS(f['sharedSecret']!, 'generic')).toEqual({ token: 't' });
    expect(callJS(f['sharedSecret']!, 'repo')).toEqual({});
  });

  it('fail clearly when no lookup was supplied', () => {
    expect(() => callJS(kargoFunctions({})['secret']!, 'x')).toThrow('secret() is not available: no lookup was supplied for it');
  });
});

describe('freightMetadata(), freightStatus(), stageMetadata()', () => {
  it('return status metadata, or nil', () => {
    expect(callJS(f['freightMetadata']!, 'f1')).toEqual({ approvedBy: 'qa', score: 7 });
    expect(callJS(f['freightMetadata']!, 'f2')).toBeNull();
    expect(callJS(f['freightMetadata']!, 'nope')).toBeNull();
    expect(callJS(f['stageMetadata']!, 'prod')).toEqual({ ring: 2 });
  });

  it('return the whole Freight status', () => {
    expect(callJS(f['freightStatus']!, 'f1')).toEqual({ metadata: { approvedBy: 'qa', score: 7 }, currentlyIn: { test: {} } });
    expect(callJS(f['freightStatus']!, 'f2')).toEqual({});
    expect(callJS(f['freightStatus']!, 'nope')).toBeNull();
  });

  it('reject empty names and surface lookup failures', () => {
    expect(() => callJS(f['freightMetadata']!, '')).toThrow('freight ref name must not be empty');
    expect(() => callJS(f['stageMetadata']!, '')).toThrow('stage name must not be empty');
    expect(() => callJS(f['stageMetadata']!, 'broken')).toThrow('failed to get stage broken: connection refused');
  });
});
