export * from './cart';
export * from './catalog';
export * from './checkout';
export * from './orders';
export * from './limits';
