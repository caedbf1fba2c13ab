import { expect, type Locator, type Page } from '@playwright/test';

/** The graph canvas (React Flow): layer cards carry data-kind, and data-invalid="true" when they have a problem. */
export class CanvasPage {
  readonly root: Locator;
  /** The empty area that receives drops and clicks. */
  readonly pane: Locator;

  constructor(private readonly page: Page) {
    this.root = page.locator('.react-flow');
    this.pane = page.locator('.react-flow__pane');
  }

  /** Layer cards, optionally of one kind, in the order React Flow renders them (creation order). */
  nodes(kind?: string): Locator {
    return this.root.locator(kind ? `.react-flow__node [data-kind="${kind}"]` : '.react-flow__node [data-kind]');
  }

  node(kind: string, index = 0): Locator {
    return this.nodes(kind).nth(index);
  }

  invalidNodes(): Locator {
    return this.root.locator('.react-flow__node [data-invalid="true"]');
  }

  /** The output shape text on a card, e.g. "18×18×4". */
  shapeOf(node: Locator): Locator {
    return node.locator('.layer-node-shape');
  }

  async select(node: Locator): Promise<void> {
    await node.locator('.layer-node-head').click();
  }

  /** Wire `source`'s output handle to `target`'s input handle with the mouse, as a user would. */
  async connect(source: Locator, target: Locator): Promise<void> {
    const from = source.locator('.react-flow__handle.source, .react-flow__handle-bottom').first();
    const to = target.locator('.react-flow__handle.target, .react-flow__handle-top').first();
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('connect: a handle is not visible');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 10 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
    await this.page.mouse.up();
  }

  edges(): Locator {
    return this.root.locator('.react-flow__edge');
  }

  async expectShapes(kindsAndShapes: [kind: string, index: number, shape: string][]): Promise<void> {
    for (const [kind, index, shape] of kindsAndShapes)
      await expect(this.shapeOf(this.node(kind, index))).toHaveText(shape);
  }
}
