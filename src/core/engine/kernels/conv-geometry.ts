import { backend_util } from '@tensorflow/tfjs';

/** NHWC convolution geometry with padding resolved, in the form the loops want. */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  /** Rows of implicit zero padding above the input (tfjs puts the odd extra row of 'same' padding below). */
  padTop: number;
  padLeft: number;
}

type Pad = backend_util.ExplicitPadding | 'valid' | 'same' | number;

function isUnit(value: unknown): boolean {
  if (value == null) return true;
  if (typeof value === 'number') return value === 1;
  return Array.isArray(value) && value.every((v) => v === 1);
}

/**
 * Resolves a Conv2D-family call with tfjs's own `computeConv2DInfo`, or returns null for what the fast
 * loops leave to the stock kernel: NCHW, dilations other than 1, and an explicit dimRoundingMode.
 */
export function conv2dGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: Record<string, unknown>,
): ConvGeometry | null {
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') return null;
  if (!isUnit(attrs.dilations) || attrs.dimRoundingMode != null) return null;
  if (xShape.length !== 4 || filterShape.length !== 4) return null;
  const info = backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides as number | [number, number],
    1,
    attrs.pad as Pad,
  );
  return fromInfo(info);
}

/** Same as {@link conv2dGeometry} for the pooling kernels (filterSize instead of a filter tensor). */
export function pool2dGeometry(xShape: number[], attrs: Record<string, unknown>): ConvGeometry | null {
  if (attrs.dimRoundingMode != null || xShape.length !== 4) return null;
  const info = backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    attrs.filterSize as number | [number, number],
    attrs.strides as number | [number, number],
    1,
    attrs.pad as Pad,
  );
  return fromInfo(info);
}

function fromInfo(info: backend_util.Conv2DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
