"""MobileNet-v2 inference (batch 1, 224x224 RGB, NHWC, width 1.0),
batch-norm folded."""

from .linalg import Builder

# (expansion t, output channels c, repeats n, first stride s), as in the paper.
SETTINGS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
            (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def inverted_residual(b, x, expansion, out_channels, stride, label):
    channels = x.shape[3]
    y = x
    if expansion != 1:
        y = b.relu6(b.conv2d(y, channels * expansion, 1, 1, 0,
                             label + ".expand"))
    y = b.relu6(b.depthwise(y, stride, 1, label + ".depthwise"))
    y = b.conv2d(y, out_channels, 1, 1, 0, label + ".project")
    if stride == 1 and channels == out_channels:
        y = b.add(y, x)
    return y


def mobilenet_v2(batch=1, classes=1000):
    b = Builder("mobilenet_v2")
    x = b.input((batch, 224, 224, 3), "input")
    x = b.relu6(b.conv2d(x, 32, 3, 2, 1, "stem"))
    for index, (t, c, n, s) in enumerate(SETTINGS):
        for repeat in range(n):
            x = inverted_residual(b, x, t, c, s if repeat == 0 else 1,
                                  f"block{index}.{repeat}")
    x = b.relu6(b.conv2d(x, 1280, 1, 1, 0, "head"))
    x = b.global_avgpool(x)
    return b, b.finish(b.dense(x, classes, "classifier"))
