import { expect, test } from './fixtures';
import { shapeText } from './support/shapes';

test('a Dense right after a Conv2D is flagged, and "Insert Flatten" fixes it', async ({ layerlab }) => {
  const { canvas, palette } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  // Pressing a palette button adds the layer after the selected one, wired.
  await palette.add('Input');
  await palette.add('Conv2D');
  await palette.add('Dense');
  await expect(canvas.nodes()).toHaveCount(3);
  await expect(canvas.edges()).toHaveCount(2);

  const dense = canvas.node('Dense');
  await expect(dense).toHaveAttribute('data-invalid', 'true');
  await expect(dense).toContainText(/Flatten/);
  // Fit the graph in view first: a card at the bottom edge of the canvas can sit under the training dock.
  await layerlab.autoLayout();
  await dense.getByRole('button', { name: /Insert a Flatten/ }).click();

  await expect(canvas.nodes('Flatten')).toHaveCount(1);
  await expect(dense).not.toContainText(/Flatten/);
  // What remains is the classifier's size: one unit per class of the fonts data set.
  await canvas.select(dense);
  await layerlab.inspector.set('Units', '5');
  await layerlab.inspector.set('Activation', 'softmax');
  await expect(canvas.invalidNodes()).toHaveCount(0);
  await expect(dense).not.toHaveAttribute('data-invalid', 'true');
  await expect(canvas.shapeOf(canvas.node('Flatten'))).toHaveText(shapeText([36 * 36 * 4]));
});
