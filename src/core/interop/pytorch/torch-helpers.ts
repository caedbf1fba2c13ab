/**
 * Building blocks model.py defines for LayerLab layers PyTorch has no module for, or whose semantics differ.
 * Emitted only when used, in this order.
 */
export const TORCH_HELPERS = {
  Maxout: `class Maxout(nn.Module):
    """Maxout (Goodfellow et al., 2013): each output is the largest of \`pieces\` linear functions of the input."""

    def __init__(self, in_features, units, pieces):
        super().__init__()
        self.units = units
        self.pieces = pieces
        self.linear = nn.Linear(in_features, units * pieces)

    def forward(self, x):
        # Column j * pieces + k of the linear map is piece k of output j, as in LayerLab.
        return self.linear(x).view(-1, self.units, self.pieces).amax(dim=-1)`,
  GaussianNoise: `class GaussianNoise(nn.Module):
    """Adds noise drawn from N(0, stddev²) while training; passes the input through unchanged in eval mode."""

    def __init__(self, stddev):
        super().__init__()
        self.stddev = stddev

    def forward(self, x):
        if not self.training:
            return x
        return x + torch.randn_like(x) * self.stddev`,
  FlattenChannelsLast: `class FlattenChannelsLast(nn.Module):
    """Flattens (N, C, H, W) in LayerLab's order (height, width, channels), so the next layer's weights carry over."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1)`,
  Reshape: `class Reshape(nn.Module):
    """LayerLab's Reshape: reads and writes values channels-last; an image result comes back (N, C, H, W)."""

    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        return to_channels_first(to_channels_last(x).reshape(x.shape[0], *self.shape))`,
  avg_pool2d_same: `def avg_pool2d_same(x, kernel_size, stride, padding):
    """Average pooling with TensorFlow's uneven 'same' padding (left, right, top, bottom): each window averages
    only the cells inside the image, as LayerLab does."""
    total = F.avg_pool2d(F.pad(x, padding), kernel_size, stride, divisor_override=1)
    count = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), padding), kernel_size, stride, divisor_override=1)
    return total / count`,
  to_channels_first: `def to_channels_first(x):
    """LayerLab's images (N, H, W, C) → PyTorch's (N, C, H, W); anything that is not an image is unchanged."""
    return x.permute(0, 3, 1, 2) if x.dim() == 4 else x`,
  to_channels_last: `def to_channels_last(x):
    """PyTorch's images (N, C, H, W) → LayerLab's (N, H, W, C); anything that is not an image is unchanged."""
    return x.permute(0, 2, 3, 1) if x.dim() == 4 else x`,
} as const;

export type TorchHelper = keyof typeof TORCH_HELPERS;
