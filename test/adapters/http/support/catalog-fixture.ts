import type { MemoryDatabase } from '../../../../src/adapters/memory/memory.database.js';
import { hashSecret } from '../../../../src/adapters/system/scrypt-secret.verifier.js';

export const CMS_APP = { ac: 'cms-test', se: 'correct horse battery staple' };

/** Images elsewhere (`from = 2`): the API names them as stored. */
const img = (name: string) => ({ url: `https://img.example/${name}.png`, from: 2 as const });

/** A small shop window: two categories, a banner, two themes, four products (one deleted), a CMS app. */
export async function seedCatalog(db: MemoryDatabase): Promise<void> {
  const product = (id: number, price: number, stock: number, categoryId: number, deleted = false) =>
    db.addProduct({ id, name: `商品${id}`, price, stock, mainImgUrl: img(`p${id}`).url }, deleted, {
      categoryId,
      summary: `summary ${id}`,
      imgId: id,
      mainImgFrom: 2,
      createTime: new Date(Date.UTC(2026, 0, id)),
      imgs: [
        { imgUrl: img(`p${id}-2`), order: 2 },
        { imgUrl: img(`p${id}-1`), order: 1 },
      ],
      properties: [{ name: '品名', detail: `商品${id}` }],
    });
  product(1, 1, 100, 1);
  product(2, 250, 5, 1);
  product(3, 1999, 0, 2);
  product(4, 100, 100, 2, true);

  db.state.categories.set(1, { id: 1, name: '果味', description: '', img: img('c1') });
  db.state.categories.set(2, { id: 2, name: '蔬菜', description: '', img: img('c2') });
  db.state.banners.set(1, {
    id: 1,
    name: '首页置顶',
    description: '首页轮播图',
    items: [{ id: 1, keyWord: '1', type: 1, img: img('b1') }],
  });
  db.state.themes.set(1, { id: 1, name: '专题栏位一', description: '美味水果世界', topicImg: img('t1'), headImg: img('h1'), productIds: [2, 1, 4] });
  db.state.themes.set(2, { id: 2, name: '专题栏位二', description: '新品推荐', topicImg: img('t2'), headImg: img('h2'), productIds: [] });
  db.state.thirdApps.set(CMS_APP.ac, { id: 1, appId: CMS_APP.ac, secretHash: await hashSecret(CMS_APP.se), scope: 'super' });
}
