/*
 * Model configs as Keras writes them, for the importer's tests: the shapes of `model.to_json()` in Keras 2 (tf.keras)
 * and Keras 3, and of the TF.js converter's model.json. Written by hand after those formats; plain data.
 */

const glorot = { class_name: 'GlorotUniform', config: { seed: null } };
const zeros = { class_name: 'Zeros', config: {} };
const keras3 = (className: string, config: Record<string, unknown> = {}) => ({
  module: 'keras.initializers',
  class_name: className,
  config,
  registered_name: null,
});
const float32Policy = {
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name: 'float32' },
  registered_name: null,
};

/** Keras 2 Sequential without an InputLayer: the first layer carries batch_input_shape. */
export const KERAS2_SEQUENTIAL = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      {
        class_name: 'Conv2D',
        config: {
          name: 'conv2d',
          trainable: true,
          batch_input_shape: [null, 10, 10, 1],
          dtype: 'float32',
          filters: 2,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'valid',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: glorot,
          bias_initializer: zeros,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
      {
        class_name: 'MaxPooling2D',
        config: {
          name: 'max_pooling2d',
          trainable: true,
          dtype: 'float32',
          pool_size: [2, 2],
          padding: 'valid',
          strides: [2, 2],
          data_format: 'channels_last',
        },
      },
      {
        class_name: 'Flatten',
        config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense',
          trainable: true,
          dtype: 'float32',
          units: 8,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: { class_name: 'HeNormal', config: { seed: null } },
          bias_initializer: zeros,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
      {
        class_name: 'Dropout',
        config: { name: 'dropout', trainable: true, dtype: 'float32', rate: 0.5, noise_shape: null, seed: null },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense_1',
          trainable: true,
          dtype: 'float32',
          units: 3,
          activation: 'softmax',
          use_bias: true,
          kernel_initializer: glorot,
          bias_initializer: zeros,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
    ],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
};

function keras3Tensor(layer: string) {
  return { class_name: '__keras_tensor__', config: { shape: null, dtype: 'float32', keras_history: [layer, 0, 0] } };
}

function keras3Layer(className: string, name: string, config: Record<string, unknown>, inputs: string[]) {
  return {
    module: 'keras.layers',
    class_name: className,
    config: { name, trainable: true, dtype: float32Policy, ...config },
    registered_name: null,
    name,
    inbound_nodes:
      inputs.length === 0
        ? []
        : [{ args: [inputs.length === 1 ? keras3Tensor(inputs[0]) : inputs.map(keras3Tensor)], kwargs: {} }],
  };
}

/** Keras 3 functional model: a residual block (Add), a Concatenate, BatchNormalization, a ReLU layer, Softmax. */
export const KERAS3_FUNCTIONAL = {
  module: 'keras.src.models.functional',
  class_name: 'Functional',
  config: {
    name: 'residual',
    trainable: true,
    layers: [
      {
        module: 'keras.layers',
        class_name: 'InputLayer',
        config: { batch_shape: [null, 8, 8, 2], dtype: 'float32', sparse: false, name: 'pixels' },
        registered_name: null,
        name: 'pixels',
        inbound_nodes: [],
      },
      keras3Layer(
        'Conv2D',
        'conv_a',
        {
          filters: 2,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'same',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'linear',
          use_bias: false,
          kernel_initializer: keras3('GlorotUniform', { seed: null }),
          bias_initializer: keras3('Zeros'),
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
        ['pixels'],
      ),
      keras3Layer(
        'BatchNormalization',
        'bn_a',
        {
          axis: -1,
          momentum: 0.99,
          epsilon: 0.001,
          center: true,
          scale: true,
          beta_initializer: keras3('Zeros'),
          gamma_initializer: keras3('Ones'),
          moving_mean_initializer: keras3('Zeros'),
          moving_variance_initializer: keras3('Ones'),
          beta_regularizer: null,
          gamma_regularizer: null,
          beta_constraint: null,
          gamma_constraint: null,
          synchronized: false,
        },
        ['conv_a'],
      ),
      keras3Layer('ReLU', 'relu_a', { max_value: null, negative_slope: 0.0, threshold: 0.0 }, ['bn_a']),
      keras3Layer('Add', 'skip', {}, ['relu_a', 'pixels']),
      keras3Layer('Concatenate', 'both', { axis: -1 }, ['skip', 'pixels']),
      keras3Layer(
        'AveragePooling2D',
        'pool',
        { pool_size: [2, 2], strides: [2, 2], padding: 'valid', data_format: 'channels_last' },
        ['both'],
      ),
      keras3Layer('Flatten', 'flat', { data_format: 'channels_last' }, ['pool']),
      keras3Layer(
        'Dense',
        'logits',
        {
          units: 4,
          activation: 'linear',
          use_bias: true,
          kernel_initializer: keras3('GlorotUniform', { seed: null }),
          bias_initializer: keras3('Zeros'),
          kernel_regularizer: null,
          bias_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
          lora_rank: null,
        },
        ['flat'],
      ),
      keras3Layer('Softmax', 'probabilities', { axis: -1 }, ['logits']),
    ],
    input_layers: [['pixels', 0, 0]],
    output_layers: [['probabilities', 0, 0]],
  },
  registered_name: 'Functional',
  build_config: { input_shape: null },
};

/** A Keras 2 functional model using what LayerLab lacks, one problem per layer. */
export const KERAS2_UNSUPPORTED = {
  class_name: 'Functional',
  config: {
    name: 'model',
    layers: [
      {
        name: 'tokens',
        class_name: 'InputLayer',
        config: { batch_input_shape: [null, 20], dtype: 'float32', sparse: false, ragged: false, name: 'tokens' },
        inbound_nodes: [],
      },
      {
        name: 'embed',
        class_name: 'Embedding',
        config: { name: 'embed', input_dim: 100, output_dim: 8 },
        inbound_nodes: [[['tokens', 0, 0, {}]]],
      },
      { name: 'lstm', class_name: 'LSTM', config: { name: 'lstm', units: 8 }, inbound_nodes: [[['embed', 0, 0, {}]]] },
      {
        name: 'wide',
        class_name: 'Dense',
        config: {
          name: 'wide',
          units: 4,
          activation: 'gelu',
          use_bias: true,
          kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
        },
        inbound_nodes: [[['lstm', 0, 0, {}]]],
      },
      {
        name: 'drop',
        class_name: 'Dropout',
        config: { name: 'drop', rate: 0.1, noise_shape: [null, 1] },
        inbound_nodes: [[['wide', 0, 0, {}]]],
      },
    ],
    input_layers: [['tokens', 0, 0]],
    output_layers: [['drop', 0, 0]],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
};

/** The TF.js converter's model.json for a Keras .h5: model_config inside modelTopology, Keras weight names. */
export function converterModelJson(weightsPath: string) {
  return {
    format: 'layers-model',
    generatedBy: 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            {
              class_name: 'InputLayer',
              config: {
                batch_input_shape: [null, 4],
                dtype: 'float32',
                sparse: false,
                ragged: false,
                name: 'dense_input',
              },
            },
            {
              class_name: 'Dense',
              config: {
                name: 'dense',
                trainable: true,
                dtype: 'float32',
                units: 3,
                activation: 'tanh',
                use_bias: true,
                kernel_initializer: glorot,
                bias_initializer: zeros,
              },
            },
            {
              class_name: 'Dense',
              config: {
                name: 'dense_1',
                trainable: true,
                dtype: 'float32',
                units: 2,
                activation: 'softmax',
                use_bias: true,
                kernel_initializer: glorot,
                bias_initializer: zeros,
              },
            },
          ],
        },
      },
      training_config: {
        loss: 'categorical_crossentropy',
        metrics: ['accuracy'],
        optimizer_config: {
          class_name: 'SGD',
          config: { name: 'SGD', learning_rate: 0.05, momentum: 0.9, nesterov: true },
        },
      },
    },
    weightsManifest: [
      {
        paths: [weightsPath],
        weights: [
          { name: 'dense/kernel', shape: [4, 3], dtype: 'float32' },
          { name: 'dense/bias', shape: [3], dtype: 'float32' },
          { name: 'dense_1/kernel', shape: [3, 2], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
  };
}

/** Number of float32 values the converter fixture's weights hold. */
export const CONVERTER_WEIGHT_COUNT = 4 * 3 + 3 + 3 * 2 + 2;
