// Vocabulary for the generated demo catalog: realistic titles and descriptions per category.
export const CATEGORIES = [
  { slug: 'electronics', name: 'Electronics', nouns: ['Wireless Headphones', 'Bluetooth Speaker', 'Smartwatch', 'USB-C Charger', 'Mechanical Keyboard', 'Gaming Mouse', 'Webcam', 'Power Bank', 'Tablet Stand', 'Noise-Cancelling Earbuds', 'Portable SSD', 'Action Camera'], price: [1500, 45000] },
  { slug: 'beauty', name: 'Beauty', nouns: ['Face Serum', 'Moisturising Cream', 'Lip Balm', 'Argan Hair Oil', 'Clay Mask', 'Eau de Parfum', 'Nail Polish Set', 'Sunscreen SPF 50', 'Rose Water Toner', 'Makeup Brush Set'], price: [500, 9000] },
  { slug: 'clothing', name: 'Clothing', nouns: ['Linen Shirt', 'Wool Scarf', 'Denim Jacket', 'Cotton T-Shirt', 'Running Shorts', 'Leather Belt', 'Rain Jacket', 'Knit Sweater', 'Chino Trousers', 'Silk Dress'], price: [1200, 19000] },
  { slug: 'home-kitchen', name: 'Home & Kitchen', nouns: ['Ceramic Teapot', 'Cast Iron Pan', 'Olive Wood Board', 'Copper Kettle', 'Linen Tablecloth', 'Spice Rack', 'Glass Storage Jars', 'Chef Knife', 'Handwoven Rug', 'Scented Candle'], price: [800, 25000] },
  { slug: 'sports-outdoors', name: 'Sports & Outdoors', nouns: ['Yoga Mat', 'Trail Running Shoes', 'Camping Lantern', 'Water Bottle', 'Hiking Backpack', 'Resistance Bands', 'Cycling Gloves', 'Tent Footprint', 'Climbing Chalk Bag', 'Foam Roller'], price: [900, 30000] },
  { slug: 'toys-games', name: 'Toys & Games', nouns: ['Wooden Puzzle', 'Board Game', 'Building Blocks', 'Plush Camel', 'Kite', 'Card Game', 'Marble Run', 'Puppet Theatre', 'Chess Set', 'Jigsaw 1000 Pieces'], price: [600, 12000] },
  { slug: 'books', name: 'Books', nouns: ['Cookbook', 'Travel Guide', 'Poetry Collection', 'Novel', 'Photo Book', 'Children’s Atlas', 'Field Guide to Birds', 'History of Spices', 'Calligraphy Workbook', 'Graphic Novel'], price: [700, 6000] },
  { slug: 'grocery', name: 'Grocery', nouns: ['Medjool Dates', 'Saffron Threads', 'Green Tea', 'Olive Oil', 'Ras el Hanout', 'Pistachios', 'Orange Blossom Honey', 'Preserved Lemons', 'Harissa Paste', 'Coffee Beans'], price: [300, 5000] },
  { slug: 'jewelry', name: 'Jewelry', nouns: ['Silver Ring', 'Amber Necklace', 'Gold Hoop Earrings', 'Beaded Bracelet', 'Enamel Brooch', 'Turquoise Pendant', 'Charm Anklet', 'Pearl Studs'], price: [1500, 60000] },
  { slug: 'garden', name: 'Garden', nouns: ['Terracotta Pot', 'Pruning Shears', 'Herb Seed Kit', 'Watering Can', 'Bird Feeder', 'Garden Kneeler', 'Solar Lights', 'Compost Bin'], price: [500, 15000] },
] as const;

export const ADJECTIVES = ['Classic', 'Handmade', 'Compact', 'Premium', 'Eco', 'Vintage', 'Modern', 'Lightweight', 'Deluxe', 'Everyday', 'Artisan', 'Travel', 'Organic', 'Pro', 'Soft', 'Bold', 'Minimal', 'Heritage'];
export const COLOURS = ['Indigo', 'Sand', 'Olive', 'Terracotta', 'Charcoal', 'Saffron', 'Ivory', 'Teal', 'Rose', 'Midnight', 'Copper', 'Mint'];
export const BRANDS = ['Atlas', 'Medina', 'Sahara', 'Zellige', 'Oasis', 'Kasbah', 'Mirage', 'Riad', 'Nomad', 'Caravan', 'Cedar', 'Marrakech Works', 'Fez & Co', 'Tangier Lab', 'Agadir'];
export const STORE_WORDS = ['Bazaar', 'Emporium', 'Trading', 'House', 'Market', 'Corner', 'Workshop', 'Goods', 'Studio', 'Depot'];
export const PHRASES = [
  'Made to last and easy to care for.',
  'A favourite of our regular customers.',
  'Ships carefully packed in recycled materials.',
  'Designed for daily use at home or on the road.',
  'Every piece is checked by hand before it leaves.',
  'Pairs well with the rest of the collection.',
  'Sourced from small producers we know by name.',
  'Backed by our 30-day return promise.',
];
export const COUNTRIES = ['US', 'CA', 'MX', 'BR', 'AR', 'GB', 'IE', 'FR', 'DE', 'NL', 'BE', 'ES', 'PT', 'IT', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'PL', 'CZ', 'GR', 'TR', 'MA', 'EG', 'ZA', 'NG', 'KE', 'AE', 'SA', 'IN', 'PK', 'CN', 'JP', 'KR', 'SG', 'MY', 'ID', 'TH', 'VN', 'PH', 'AU', 'NZ'];
