/** What the catalogue's answers look like, for the API document (checked against the schemas by the tests). */
const IMAGES = 'https://shop.example.com/images';

const product = {
  id: 1,
  name: '芹菜 半斤',
  price: '0.01',
  stock: 998,
  category_id: 3,
  main_img_url: `${IMAGES}/product-vg@1.png`,
  summary: '',
  img_id: 13,
};

export const CATALOG_EXAMPLES = {
  product,
  productDetail: {
    ...product,
    imgs: [{ img_url: { url: `${IMAGES}/detail-1@1-dryfruit.png` }, order: 1 }],
    properties: [{ name: '品名', detail: '杨梅' }],
  },
  banner: { id: 1, name: '首页置顶', description: '首页轮播图', items: [{ id: 1, key_word: '6', type: 1, img: { url: `${IMAGES}/banner-1a.png` } }] },
  theme: { id: 1, name: '专题栏位一', description: '美味水果世界', topic_img: { url: `${IMAGES}/1@1.png` }, head_img: { url: `${IMAGES}/1@2.png` } },
  category: { id: 2, name: '果味', description: '', img: { url: `${IMAGES}/category-cake.png` } },
};
