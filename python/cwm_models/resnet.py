"""ResNet-18 inference (batch 1, 224x224 RGB, NHWC), batch-norm folded."""

from .linalg import Builder


def basic_block(b, x, filters, stride, label):
    out = b.relu(b.conv2d(x, filters, 3, stride, 1, label + ".conv1"))
    out = b.conv2d(out, filters, 3, 1, 1, label + ".conv2")
    shortcut = x
    if stride != 1 or x.shape[3] != filters:
        shortcut = b.conv2d(x, filters, 1, stride, 0, label + ".downsample")
    return b.add(out, shortcut, relu=True)


def resnet18(batch=1, classes=1000):
    b = Builder("resnet18")
    x = b.input((batch, 224, 224, 3), "input")
    x = b.relu(b.conv2d(x, 64, 7, 2, 3, "conv1"))
    x = b.maxpool(x)
    for stage, filters in enumerate([64, 128, 256, 512], start=1):
        for block in range(2):
            stride = 2 if stage > 1 and block == 0 else 1
            x = basic_block(b, x, filters, stride, f"layer{stage}.{block}")
    x = b.global_avgpool(x)
    return b, b.finish(b.dense(x, classes, "fc"))
