// The posts module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { countPostsOf, exportPostsOf, postsErasure, productOfPost, reviewPhotoKeysOf } from './erasure.ts';
export { reviewPhotoKeysOfProduct } from './photos.ts';
export { postRoutes } from './routes.ts';
// For the demo shop (src/demo.ts, decision 048).
export { addDemoReviews } from './demo-reviews.ts';
// For the seller dashboard: the rating's trend (decision 055).
export { reviewTrendOf, type ReviewTrend } from './dashboard.ts';
