// What makes the demo catalog look like a shop (seedCatalog's `demo` option): per category, the
// kinds of product with their drawing (demo-art.ts), believable names and sizes; colours that the
// title names and the picture shows; store names and descriptions.

export const DEMO_COLOURS = [
  ['Indigo', '#3f51b5'],
  ['Sand', '#c8a96a'],
  ['Olive', '#6b7a2a'],
  ['Terracotta', '#c2562f'],
  ['Charcoal', '#3b4045'],
  ['Saffron', '#f0a020'],
  ['Teal', '#0f8b8d'],
  ['Rose', '#d9577a'],
  ['Midnight Blue', '#1e2a5a'],
  ['Forest Green', '#2e7d4f'],
  ['Coral', '#f26b5b'],
  ['Plum', '#7b3f72'],
] as const;

/**
 * A kind of product that usually comes in options (decision 051): it is sold in its `sizes` under
 * this option name, each size priced `extra` percent above the first.
 */
type Option = { name: string; extra: readonly number[] };
type Kind = { art: string; names: readonly string[]; sizes?: readonly string[]; coloured?: false; option?: Option };

const SIZE_SAME_PRICE: Option = { name: 'Size', extra: [0, 0, 0, 0, 0, 0] };

export const DEMO_KINDS: Record<string, readonly Kind[]> = {
  electronics: [
    {
      art: 'phone',
      names: ['Smartphone', 'Android Phone', 'Compact Phone'],
      sizes: ['128 GB', '256 GB', '512 GB'],
      option: { name: 'Storage', extra: [0, 15, 35] },
    },
    { art: 'headphones', names: ['Wireless Headphones', 'Noise-Cancelling Headphones', 'Studio Headphones'] },
    {
      art: 'speaker',
      names: ['Bluetooth Speaker', 'Portable Speaker', 'Smart Speaker'],
      sizes: ['10 W', '20 W', '40 W'],
    },
    {
      art: 'watch',
      names: ['Smartwatch', 'Fitness Watch', 'GPS Sports Watch'],
      sizes: ['41 mm', '45 mm'],
      option: { name: 'Case size', extra: [0, 8] },
    },
  ],
  beauty: [
    { art: 'serum', names: ['Vitamin C Serum', 'Hyaluronic Face Serum', 'Argan Hair Oil'], sizes: ['30 ml', '50 ml'] },
    {
      art: 'cream',
      names: ['Moisturising Cream', 'Night Cream', 'Shea Body Butter'],
      sizes: ['50 ml', '100 ml', '200 ml'],
      option: { name: 'Size', extra: [0, 60, 140] },
    },
    { art: 'lipstick', names: ['Matte Lipstick', 'Satin Lipstick', 'Tinted Lip Balm'] },
    {
      art: 'perfume',
      names: ['Eau de Parfum', 'Orange Blossom Eau de Toilette', 'Oud Perfume'],
      sizes: ['50 ml', '100 ml'],
      option: { name: 'Size', extra: [0, 55] },
    },
  ],
  clothing: [
    {
      art: 'tshirt',
      names: ['Cotton T-Shirt', 'Organic Crew Tee', 'Relaxed Fit T-Shirt'],
      sizes: ['S', 'M', 'L', 'XL'],
      option: SIZE_SAME_PRICE,
    },
    {
      art: 'shirt',
      names: ['Linen Shirt', 'Oxford Shirt', 'Flannel Shirt'],
      sizes: ['S', 'M', 'L', 'XL'],
      option: SIZE_SAME_PRICE,
    },
    {
      art: 'dress',
      names: ['Summer Dress', 'Silk Wrap Dress', 'Midi Dress'],
      sizes: ['XS', 'S', 'M', 'L'],
      option: SIZE_SAME_PRICE,
    },
    {
      art: 'trousers',
      names: ['Chino Trousers', 'Linen Trousers', 'Slim Jeans'],
      sizes: ['30/32', '32/32', '34/34'],
      option: SIZE_SAME_PRICE,
    },
  ],
  'home-kitchen': [
    { art: 'mug', names: ['Stoneware Mug', 'Ceramic Coffee Mug', 'Enamel Camping Mug'], sizes: ['300 ml', '400 ml'] },
    { art: 'teapot', names: ['Ceramic Teapot', 'Moroccan Teapot', 'Cast Iron Teapot'], sizes: ['0.8 l', '1.2 l'] },
    { art: 'pan', names: ['Cast Iron Pan', 'Non-Stick Frying Pan', 'Carbon Steel Skillet'], sizes: ['24 cm', '28 cm'] },
    { art: 'candle', names: ['Scented Candle', 'Soy Wax Candle', 'Cedarwood Candle'], sizes: ['180 g', '300 g'] },
  ],
  'sports-outdoors': [
    {
      art: 'bottle',
      names: ['Insulated Water Bottle', 'Trail Bottle', 'Steel Sports Bottle'],
      sizes: ['500 ml', '750 ml', '1 l'],
    },
    {
      art: 'backpack',
      names: ['Hiking Backpack', 'Daypack', 'Trekking Rucksack'],
      sizes: ['20 l', '30 l', '45 l'],
      option: { name: 'Capacity', extra: [0, 20, 45] },
    },
    {
      art: 'shoe',
      names: ['Trail Running Shoes', 'Road Running Shoes', 'Approach Shoes'],
      sizes: ['EU 39', 'EU 40', 'EU 41', 'EU 42', 'EU 43', 'EU 44'],
      option: SIZE_SAME_PRICE,
    },
    { art: 'mat', names: ['Yoga Mat', 'Travel Yoga Mat', 'Cork Yoga Mat'], sizes: ['4 mm', '6 mm'] },
  ],
  'toys-games': [
    {
      art: 'blocks',
      names: ['Wooden Building Blocks', 'Stacking Blocks', 'Alphabet Blocks'],
      sizes: ['24 pieces', '50 pieces'],
    },
    { art: 'plush', names: ['Plush Bear', 'Cuddly Bear', 'Sleepy Bear Plush'], sizes: ['25 cm', '40 cm'] },
    { art: 'kite', names: ['Diamond Kite', 'Beach Kite', 'Stunt Kite'] },
    { art: 'game', names: ['Chess Set', 'Family Board Game', 'Checkers Set'] },
  ],
  books: [
    { art: 'book', names: ['Cookbook: Flavours of the Maghreb', 'Travel Guide: Andalusia', 'Field Guide to Birds'] },
    { art: 'books', names: ['Classic Novels Box Set', 'Mystery Trilogy', 'Poetry Collection, 3 Volumes'] },
    { art: 'openbook', names: ['Illustrated Atlas', 'Calligraphy Workbook', 'Children’s Picture Book'] },
  ],
  grocery: [
    {
      art: 'honey',
      names: ['Orange Blossom Honey', 'Wildflower Honey', 'Thyme Honey'],
      sizes: ['250 g', '500 g'],
      coloured: false,
    },
    {
      art: 'bag',
      names: ['Coffee Beans', 'Medjool Dates', 'Roasted Pistachios'],
      sizes: ['250 g', '500 g', '1 kg'],
      option: { name: 'Weight', extra: [0, 80, 250] },
    },
    {
      art: 'oil',
      names: ['Extra Virgin Olive Oil', 'Argan Oil', 'Cold-Pressed Olive Oil'],
      sizes: ['500 ml', '750 ml'],
      coloured: false,
    },
    { art: 'tin', names: ['Green Tea', 'Mint Tea', 'Saffron Threads'], sizes: ['50 g', '100 g'], coloured: false },
  ],
  jewelry: [
    { art: 'ring', names: ['Gemstone Ring', 'Solitaire Ring', 'Cocktail Ring'], sizes: ['size 6', 'size 7', 'size 8'] },
    { art: 'necklace', names: ['Pendant Necklace', 'Beaded Necklace', 'Amulet Necklace'] },
    { art: 'earrings', names: ['Gold Hoop Earrings', 'Drop Earrings', 'Huggie Hoops'] },
    { art: 'bracelet', names: ['Beaded Bracelet', 'Stone Bead Bracelet', 'Stacking Bracelet'] },
  ],
  garden: [
    { art: 'plant', names: ['Terracotta Planter', 'Glazed Plant Pot', 'Herb Pot'], sizes: ['15 cm', '25 cm'] },
    { art: 'can', names: ['Watering Can', 'Galvanised Watering Can', 'Indoor Watering Can'], sizes: ['1.5 l', '5 l'] },
    { art: 'shears', names: ['Pruning Shears', 'Bypass Secateurs', 'Hedge Shears'] },
    { art: 'birdhouse', names: ['Wooden Birdhouse', 'Bird Feeder House', 'Nest Box'] },
  ],
};

/** Brand-like names, per category first letter sound rather than one list for all. */
export const DEMO_BRANDS: Record<string, readonly string[]> = {
  electronics: ['Voltra', 'Nimbus', 'Kestrel', 'Auralis', 'Pixelo', 'Tern'],
  beauty: ['Lumière', 'Argana', 'Sölva', 'Petal & Pine', 'Dune Botanics'],
  clothing: ['Northwind', 'Atelier Noor', 'Loom & Co', 'Saltmarsh', 'Kora'],
  'home-kitchen': ['Hearth', 'Fez Pottery', 'Ironbark', 'Maison Olive', 'Kiln Row'],
  'sports-outdoors': ['Summit', 'Trailhead', 'Alto', 'Ridgeline', 'Breva'],
  'toys-games': ['Little Oak', 'Playwell', 'Jolly Fox', 'Kitewise'],
  books: ['Cedar Press', 'Lantern Books', 'Medina House', 'Blue Door'],
  grocery: ['Atlas Harvest', 'Oasis Pantry', 'Riad Farms', 'Souk Kitchen'],
  jewelry: ['Amara', 'Tazi', 'Seraphine', 'Golden Thread'],
  garden: ['Greenhand', 'Potting Shed', 'Wren & Root', 'Sunpatch'],
};

export const DEMO_STORE_FIRST = [
  'Blue Door',
  'Casa Amal',
  'Little Fig',
  'Northwind',
  'Olive Branch',
  'Copper Kettle',
  'Saffron Lane',
  'Cedar & Salt',
  'Old Harbour',
  'Wild Thyme',
  'Sunday Market',
  'Red Fox',
  'Lantern',
  'Stone Bridge',
  'Golden Hour',
  'Palm Court',
  'Silver Birch',
  'Riverbend',
  'Medina',
  'Sea Glass',
];
export const DEMO_STORE_LAST = ['Goods', 'Trading Co.', 'Emporium', 'Workshop', 'Bazaar', 'Supply', 'House', 'Studio'];
export const DEMO_STORE_STORIES = [
  'A family business since {year}, shipping from {place}.',
  'Two friends in {place} who could not find what they wanted, so they started making it in {year}.',
  'Small batches, packed by hand in {place}. Open since {year}.',
  'An independent shop in {place}, working with local makers since {year}.',
  'Curated in {place}: things we use ourselves, since {year}.',
];
export const DEMO_STORE_SPECIALITIES: Record<string, string> = {
  electronics: 'gadgets and audio',
  beauty: 'natural beauty',
  clothing: 'everyday clothing',
  'home-kitchen': 'kitchenware',
  'sports-outdoors': 'outdoor gear',
  'toys-games': 'toys and games',
  books: 'books',
  grocery: 'pantry staples',
  jewelry: 'handmade jewellery',
  garden: 'garden tools',
};
