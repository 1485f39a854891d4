/** Adjectives for generated Freight aliases (lowercase, letters only). */
export const ALIAS_ADJECTIVES: readonly string[] = [
  'amber', 'ancient', 'autumn', 'bashful', 'bold', 'brave', 'breezy', 'bright', 'brisk', 'bronze',
  'calm', 'candid', 'cheerful', 'chilly', 'clever', 'cloudy', 'cobalt', 'cosmic', 'crimson', 'curious',
  'daring', 'dapper', 'dazzling', 'eager', 'early', 'earnest', 'electric', 'elegant', 'emerald', 'fancy',
  'fearless', 'fierce', 'flying', 'fluffy', 'frosty', 'gentle', 'giant', 'gilded', 'glad', 'golden',
  'graceful', 'grand', 'happy', 'hardy', 'hidden', 'humble', 'icy', 'indigo', 'jade', 'jolly',
  'jumpy', 'keen', 'kind', 'lively', 'lucky', 'lunar', 'magic', 'mellow', 'merry', 'mighty',
  'misty', 'modest', 'nimble', 'noble', 'olive', 'patient', 'peppy', 'plucky', 'polite', 'proud',
  'quick', 'quiet', 'rapid', 'rosy', 'rustic', 'scarlet', 'shiny', 'silent', 'silver', 'sleepy',
  'smooth', 'snowy', 'solar', 'sparkly', 'speedy', 'spry', 'steady', 'stormy', 'sunny', 'swift',
  'tidy', 'tiny', 'tranquil', 'velvet', 'vivid', 'wandering', 'warm', 'wise', 'witty', 'zesty',
];

/** Animals for generated Freight aliases (lowercase, letters only). */
export const ALIAS_ANIMALS: readonly string[] = [
  'aardvark', 'albatross', 'alpaca', 'antelope', 'armadillo', 'badger', 'beaver', 'bison', 'bobcat', 'buffalo',
  'camel', 'caribou', 'cheetah', 'chipmunk', 'cobra', 'condor', 'cougar', 'coyote', 'crane', 'dingo',
  'dolphin', 'donkey', 'dormouse', 'eagle', 'egret', 'elk', 'falcon', 'ferret', 'finch', 'flamingo',
  'fox', 'gazelle', 'gecko', 'gibbon', 'giraffe', 'goose', 'gopher', 'gorilla', 'grouse', 'hamster',
  'hare', 'hedgehog', 'heron', 'hippo', 'ibex', 'iguana', 'impala', 'jackal', 'jaguar', 'kangaroo',
  'kestrel', 'koala', 'lemur', 'leopard', 'llama', 'lobster', 'lynx', 'magpie', 'manatee', 'marmot',
  'meerkat', 'mole', 'mongoose', 'moose', 'narwhal', 'newt', 'ocelot', 'octopus', 'otter', 'owl',
  'panda', 'panther', 'parrot', 'pelican', 'penguin', 'puffin', 'quail', 'rabbit', 'raccoon', 'raven',
  'reindeer', 'salmon', 'seal', 'sparrow', 'squirrel', 'stork', 'swan', 'tapir', 'tiger', 'toucan',
  'turtle', 'vulture', 'walrus', 'weasel', 'whale', 'wolf', 'wombat', 'yak', 'zebra', 'starling',
];
