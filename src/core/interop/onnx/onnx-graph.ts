import onnxProto from 'onnx-proto';
import type { WeightTensor } from '../weights/named-weights';

const { onnx } = onnxProto;

/** An attribute value: ints and floats are told apart by the caller, since ONNX types them. */
export type OnnxAttribute = { int: number } | { ints: number[] } | { float: number } | { string: string };

/** Where a LayerLab value lives in the ONNX graph: its tensor name and, for images, the axis order it is in. */
export interface OnnxValue {
  name: string;
  /** Rank of the sample (batch axis left out), as in LayerLab. */
  rank: number;
  /** Images are held (N, H, W, C) like LayerLab or (N, C, H, W) as ONNX's Conv and pools need. */
  layout: 'nhwc' | 'nchw';
}

/** NHWC ↔ NCHW permutations. */
const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

/**
 * Collects the nodes and initializers of an ONNX graph. Names are derived from the layer that asks, so the graph
 * reads layer by layer in Netron; layout changes are inserted once per value and reused by every consumer.
 */
export class OnnxGraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly used = new Set<string>();
  private readonly converted = new Map<string, OnnxValue>();

  /** A name not used yet: `base`, else `base_2`, `base_3`... */
  unique(base: string): string {
    let name = base;
    for (let suffix = 2; this.used.has(name); suffix++) name = `${base}_${suffix}`;
    this.used.add(name);
    return name;
  }

  reserve(name: string): void {
    this.used.add(name);
  }

  /** Adds a node computing one output, named `output` (made unique); returns the output's name. */
  node(opType: string, inputs: string[], output: string, attributes: Record<string, OnnxAttribute> = {}): string {
    const name = this.unique(output);
    this.nodes.push(
      onnx.NodeProto.create({
        name,
        opType,
        input: inputs,
        output: [name],
        attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
      }),
    );
    return name;
  }

  /** A float32 constant (a weight), returned by name. */
  floats(base: string, tensor: WeightTensor): string {
    const name = this.unique(base);
    const bytes = new Uint8Array(tensor.values.length * 4);
    const view = new DataView(bytes.buffer);
    tensor.values.forEach((value, i) => view.setFloat32(i * 4, value, true));
    this.initializers.push(
      onnx.TensorProto.create({ name, dims: tensor.shape, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes }),
    );
    return name;
  }

  /** An int64 vector constant (a shape for Reshape), returned by name. */
  int64s(base: string, values: number[]): string {
    const name = this.unique(base);
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [values.length],
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: values,
      }),
    );
    return name;
  }

  /** The value in the requested layout (only images have two); the Transpose is made once and shared. */
  inLayout(value: OnnxValue, layout: OnnxValue['layout']): OnnxValue {
    if (value.rank !== 3 || value.layout === layout) return value;
    const key = `${value.name}->${layout}`;
    let done = this.converted.get(key);
    if (done == null) {
      const perm = layout === 'nchw' ? TO_NCHW : TO_NHWC;
      const name = this.node('Transpose', [value.name], `${value.name}/${layout}`, { perm: { ints: perm } });
      done = { name, rank: 3, layout };
      this.converted.set(key, done);
    }
    return done;
  }
}

function attribute(name: string, value: OnnxAttribute) {
  const type = onnx.AttributeProto.AttributeType;
  if ('int' in value) return onnx.AttributeProto.create({ name, type: type.INT, i: value.int });
  if ('ints' in value) return onnx.AttributeProto.create({ name, type: type.INTS, ints: value.ints });
  if ('float' in value) return onnx.AttributeProto.create({ name, type: type.FLOAT, f: value.float });
  return onnx.AttributeProto.create({ name, type: type.STRING, s: new TextEncoder().encode(value.string) });
}
