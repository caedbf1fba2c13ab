import { expect, test } from './fixtures';
import { shapeText } from './support/shapes';

/** The course CNN, built by hand: drag from the palette, wire, configure in the inspector. */
test.use({ viewport: { width: 1600, height: 1300 } });

test('build the course CNN from the palette and see its shapes', async ({ layerlab }) => {
  const { canvas, palette, inspector } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  await expect(canvas.nodes()).toHaveCount(0);

  const kinds = ['Input', 'Conv2D', 'MaxPool2D', 'Flatten', 'Dense', 'Dropout', 'Dense'];
  const nodes = kinds.map((kind, i) => canvas.node(kind, kinds.slice(0, i).filter((k) => k === kind).length));
  // Drop each layer in the free right-hand part of the canvas and wire it to the chain at once; Auto-layout then
  // tidies the chain so the next drop lands on empty canvas.
  for (const [i, kind] of kinds.entries()) {
    const box = await canvas.pane.boundingBox();
    if (!box) throw new Error('canvas not visible');
    // Right-hand side, above the minimap.
    await palette.dragOnto(kind, canvas.pane, { x: box.width - 140, y: box.height * 0.3 });
    await expect(canvas.nodes()).toHaveCount(i + 1);
    await layerlab.settle();
    if (i > 0) {
      await canvas.connect(nodes[i - 1], nodes[i]);
      await expect(canvas.edges()).toHaveCount(i);
    }
    await layerlab.autoLayout();
  }

  const configure = async (node: (typeof nodes)[number], settings: [string, string][]) => {
    await canvas.select(node);
    for (const [label, value] of settings) await inspector.set(label, value);
  };
  await configure(nodes[0], [['Shape', '36, 36, 1']]);
  await configure(nodes[1], [
    ['Filters', '4'],
    ['Kernel size', '5, 5'],
    ['Padding', 'same'],
    ['Activation', 'relu'],
  ]);
  await configure(nodes[2], [['Pool size', '2, 2']]);
  await configure(nodes[4], [
    ['Units', '32'],
    ['Activation', 'relu'],
  ]);
  await configure(nodes[5], [['Rate', '0.5']]);
  await configure(nodes[6], [
    ['Units', '5'],
    ['Activation', 'softmax'],
  ]);

  const expected = [[36, 36, 1], [36, 36, 4], [18, 18, 4], [1296], [32], [32], [5]];
  for (const [i, dims] of expected.entries()) await expect(canvas.shapeOf(nodes[i])).toHaveText(shapeText(dims));
  await expect(canvas.invalidNodes()).toHaveCount(0);
});
