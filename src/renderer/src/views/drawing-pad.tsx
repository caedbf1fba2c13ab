import { memo, useCallback, useEffect, useImperativeHandle, useRef, type PointerEvent, type Ref } from 'react';

/** What a parent can do with the pad: replace its picture (an uploaded image) or clear it. */
export interface DrawingPadHandle {
  /** Ink per pixel in [0, 1], row-major, height × width. */
  setInk(ink: Float32Array): void;
  clear(): void;
}

/**
 * A drawing pad at the model's own input size (36×36 for the fonts set), shown enlarged: light ink on a dark ground,
 * as the fonts set draws its glyphs, with a soft round brush. After each stroke it hands over the ink (0..1 per pixel).
 */
export const DrawingPad = memo(function DrawingPad(props: {
  width: number;
  height: number;
  /** Brush radius in model pixels. */
  brush: number;
  onStroke(ink: Float32Array): void;
  /** CSS size of the pad's longer side. */
  size?: number;
  ref?: Ref<DrawingPadHandle>;
}) {
  const { width, height, brush, onStroke } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const ink = useRef(new Float32Array(width * height));
  const last = useRef<{ x: number; y: number } | null>(null);

  const paint = useCallback(() => {
    const context = canvas.current?.getContext?.('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const v = Math.round(ink.current[p] * 255);
      image.data.set([v, v, v, 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }, [width, height]);

  useEffect(() => {
    ink.current = new Float32Array(width * height);
    paint();
  }, [width, height, paint]);

  useImperativeHandle(
    props.ref,
    () => ({
      setInk(values) {
        ink.current = Float32Array.from(values);
        paint();
      },
      clear() {
        ink.current = new Float32Array(width * height);
        paint();
      },
    }),
    [width, height, paint],
  );

  const dab = (x: number, y: number) => {
    const reach = Math.ceil(brush + 1);
    for (let row = Math.floor(y) - reach; row <= Math.floor(y) + reach; row++) {
      if (row < 0 || row >= height) continue;
      for (let col = Math.floor(x) - reach; col <= Math.floor(x) + reach; col++) {
        if (col < 0 || col >= width) continue;
        const distance = Math.hypot(col + 0.5 - x, row + 0.5 - y);
        const coverage = Math.min(1, Math.max(0, brush + 0.5 - distance));
        const index = row * width + col;
        if (coverage > ink.current[index]) ink.current[index] = coverage;
      }
    }
  };

  const toModel = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / (box.width || 1)) * width,
      y: ((event.clientY - box.top) / (box.height || 1)) * height,
    };
  };

  const strokeTo = (point: { x: number; y: number }) => {
    const from = last.current ?? point;
    const steps = Math.max(1, Math.ceil(Math.hypot(point.x - from.x, point.y - from.y) * 2));
    for (let s = 1; s <= steps; s++) {
      dab(from.x + ((point.x - from.x) * s) / steps, from.y + ((point.y - from.y) * s) / steps);
    }
    last.current = point;
    paint();
  };

  const size = props.size ?? 180;
  const scale = size / Math.max(width, height);
  return (
    <canvas
      ref={canvas}
      className="drawing-pad"
      width={width}
      height={height}
      style={{ width: Math.round(width * scale), height: Math.round(height * scale) }}
      role="img"
      aria-label={`Drawing pad, ${width}×${height} pixels: draw with the mouse or a pen`}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture?.(event.pointerId);
        last.current = null;
        strokeTo(toModel(event));
      }}
      onPointerMove={(event) => {
        if (last.current !== null && event.buttons !== 0) strokeTo(toModel(event));
      }}
      onPointerUp={() => {
        if (last.current === null) return;
        last.current = null;
        onStroke(Float32Array.from(ink.current));
      }}
    />
  );
});
