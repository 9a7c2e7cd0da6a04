import { expect } from 'chai';
import { aProduct } from '../support/mothers.js';
import type { World, WorldFactory } from './worlds.js';

export function catalogReaderContract(newWorld: WorldFactory): void {
  describe('CatalogReader contract', () => {
    let world: World;
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 4, minute));

    beforeEach(async () => {
      world = await newWorld();
      await world.addCategory({ id: 2, name: '蔬菜', description: '当季', img: { url: '/category-2.png', from: 1 } });
      await world.addCategory({ id: 1, name: '果味', description: '水果', img: { url: '/category-1.png', from: 1 } });
      await world.addProduct(aProduct({ id: 1, price: 1 }), { categoryId: 1, createTime: at(1), summary: '甜', imgId: 11, mainImgFrom: 2 });
      await world.addProduct(aProduct({ id: 2 }), {
        categoryId: 1,
        createTime: at(3),
        imgs: [
          { url: 'https://img.example/detail-2-b.png', from: 2, order: 2 },
          { url: '/detail-2-a.png', from: 1, order: 1 },
        ],
        properties: [
          { name: '品名', detail: '商品2' },
          { name: '产地', detail: '云南' },
        ],
      });
      await world.addProduct(aProduct({ id: 3 }), { categoryId: 2, createTime: at(2) });
      await world.addProduct(aProduct({ id: 4 }), { categoryId: 1, createTime: at(9), deleted: true });
      await world.addTheme(
        { id: 1, name: '专题一', description: '水果', topicImg: { url: '/t1-topic.png', from: 1 }, headImg: { url: 'https://img.example/t1-head.png', from: 2 } },
        [3, 4, 1],
      );
      await world.addTheme(
        { id: 2, name: '专题二', description: '新品', topicImg: { url: '/t2-topic.png', from: 1 }, headImg: { url: '/t2-head.png', from: 1 } },
        [],
      );
      await world.addBanner({
        id: 1,
        name: '首页置顶',
        description: '轮播',
        items: [
          { id: 1, keyWord: '6', type: 1, img: { url: '/banner-1.png', from: 1 } },
          { id: 2, keyWord: '25', type: 1, img: { url: 'https://img.example/banner-2.png', from: 2 } },
        ],
      });
    });

    it('reads a banner with its items and images', async () => {
      const banner = await world.catalog.findBanner(1);
      expect(banner).to.deep.equal({
        id: 1,
        name: '首页置顶',
        description: '轮播',
        items: [
          { id: 1, keyWord: '6', type: 1, img: { url: '/banner-1.png', from: 1 } },
          { id: 2, keyWord: '25', type: 1, img: { url: 'https://img.example/banner-2.png', from: 2 } },
        ],
      });
      expect(await world.catalog.findBanner(9)).to.equal(null);
    });

    it('reads themes in the order asked, leaving unknown ids out', async () => {
      const themes = await world.catalog.findThemes([2, 9, 1]);
      expect(themes.map((theme) => theme.id)).to.deep.equal([2, 1]);
      expect(themes[1]).to.deep.equal({
        id: 1,
        name: '专题一',
        description: '水果',
        topicImg: { url: '/t1-topic.png', from: 1 },
        headImg: { url: 'https://img.example/t1-head.png', from: 2 },
      });
      expect(await world.catalog.findThemes([])).to.deep.equal([]);
    });

    it('reads a theme with its products in display order, without deleted ones', async () => {
      const theme = await world.catalog.findThemeWithProducts(1);
      expect(theme?.products.map((product) => product.id)).to.deep.equal([3, 1]);
      expect(theme?.products[1]).to.deep.equal({
        id: 1,
        name: '商品1',
        price: 1,
        stock: 100,
        categoryId: 1,
        mainImgUrl: 'https://img.example/1.png',
        mainImgFrom: 2,
        summary: '甜',
        imgId: 11,
        createTime: at(1),
      });
      expect((await world.catalog.findThemeWithProducts(2))?.products).to.deep.equal([]);
      expect(await world.catalog.findThemeWithProducts(9)).to.equal(null);
    });

    it('lists recent products newest first, never deleted ones', async () => {
      expect((await world.catalog.recentProducts(2)).map((product) => product.id)).to.deep.equal([2, 3]);
      expect((await world.catalog.recentProducts(15)).map((product) => product.id)).to.deep.equal([2, 3, 1]);
    });

    it('lists a category\'s products', async () => {
      expect((await world.catalog.productsByCategory(1)).map((product) => product.id)).to.deep.equal([1, 2]);
      expect(await world.catalog.productsByCategory(7)).to.deep.equal([]);
    });

    it('reads a product\'s detail with ordered images and properties', async () => {
      const detail = await world.catalog.findProductDetail(2);
      expect(detail?.imgs).to.deep.equal([
        { imgUrl: { url: '/detail-2-a.png', from: 1 }, order: 1 },
        { imgUrl: { url: 'https://img.example/detail-2-b.png', from: 2 }, order: 2 },
      ]);
      expect(detail?.properties).to.deep.equal([
        { name: '品名', detail: '商品2' },
        { name: '产地', detail: '云南' },
      ]);
      expect(detail?.price).to.equal(200);
      expect(await world.catalog.findProductDetail(4), 'deleted').to.equal(null);
      expect(await world.catalog.findProductDetail(99)).to.equal(null);
    });

    it('lists every category by id with its image', async () => {
      expect(await world.catalog.allCategories()).to.deep.equal([
        { id: 1, name: '果味', description: '水果', img: { url: '/category-1.png', from: 1 } },
        { id: 2, name: '蔬菜', description: '当季', img: { url: '/category-2.png', from: 1 } },
      ]);
    });
  });
}
