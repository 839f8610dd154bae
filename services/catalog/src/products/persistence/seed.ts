import { Product, Tag } from '../product';

// Ids, names, prices, counts, image names and tags are the reference's (spec/catalog.md §8), so
// carts, orders and e2e suites that name them keep working; the descriptions are ours.
export const SEED_TAGS: readonly Tag[] = [
  { name: 'smart', displayName: 'Smart' },
  { name: 'dress', displayName: 'Dress' },
  { name: 'luxury', displayName: 'Luxury' },
  { name: 'casual', displayName: 'Casual' },
];

export const SEED_PRODUCTS: readonly Product[] = [
  {
    id: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
    name: 'Gentleman',
    description:
      'A slim steel dress watch with a silver sunburst dial and a black leather strap, made for suits and evenings out.',
    imageUrl: '/assets/gentleman.jpg',
    price: 795,
    count: 51,
    tags: ['dress'],
  },
  {
    id: '6d62d909-f957-430e-8689-b5129c0bb75e',
    name: 'Pocket Watch',
    description:
      'A brass hunter-case pocket watch on a curb chain, with a hinged lid over a white enamel face and Roman numerals.',
    imageUrl: '/assets/pocket_watch.jpg',
    price: 385,
    count: 33,
    tags: ['dress'],
  },
  {
    id: '808a2de1-1aaa-4c25-a9b9-6612e8f29a38',
    name: 'Chronograf Classic',
    description:
      'A three-register chronograph in polished steel with a tachymeter bezel, sapphire crystal and a deep blue dial.',
    imageUrl: '/assets/chrono_classic.jpg',
    price: 5100,
    count: 9,
    tags: ['dress', 'luxury'],
  },
  {
    id: 'a0a4f044-b040-410d-8ead-4de0446aec7e',
    name: 'Wood Watch',
    description:
      'A light walnut case on a woven strap around a quiet quartz movement: an easy watch for every day.',
    imageUrl: '/assets/wood_watch.jpg',
    price: 50,
    count: 115,
    tags: ['casual'],
  },
  {
    id: 'ee3715be-b4ba-11ea-b3de-0242ac130004',
    name: 'Smart 3.0',
    description:
      'A round smartwatch with an always-on display, heart-rate and sleep tracking, and a battery that lasts a week.',
    imageUrl: '/assets/smart_1.jpg',
    price: 650,
    count: 9,
    tags: ['smart', 'dress'],
  },
  {
    id: 'f4ebd070-b4ba-11ea-b3de-0242ac130004',
    name: 'FitnessX',
    description:
      'A light fitness band that counts steps, logs workouts and buzzes gently for calls and messages.',
    imageUrl: '/assets/smart_2.jpg',
    price: 180,
    count: 76,
    tags: ['smart', 'dress'],
  },
];
