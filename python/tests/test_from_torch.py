"""PyTorch in: cwm.from_torch writes Linalg for torch.nn.Modules built here
(a torchvision-style ResNet and transformer encoders; no downloads), the
compiled model is called like the module and returns what it returns, with
the default lowering and with tuned schedules; what it cannot take it
names."""

import math

import numpy as np
import pytest

cwm = pytest.importorskip("cwm")
torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional


class BasicBlock(nn.Module):
    """torchvision's ResNet basic block."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class ResNet(nn.Module):
    """torchvision's ResNet layout (stem, max pooling, four stages of basic
    blocks, average pooling, classifier) at a chosen width and depth."""

    def __init__(self, widths=(64, 128, 256, 512), blocks=(2, 2, 2, 2), classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, widths[0], 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        layers, cin = [], widths[0]
        for stage, (width, count) in enumerate(zip(widths, blocks)):
            for block in range(count):
                layers.append(BasicBlock(cin, width, 2 if stage and not block else 1))
                cin = width
        self.layers = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = torch.flatten(self.avgpool(self.layers(x)), 1)
        return self.fc(x)


class Encoder(nn.Module):
    """A post-norm transformer encoder layer written out: packed QKV
    projection split with chunk, heads by view / transpose, scaled
    attention, GELU feed-forward, dropout (a no-op in eval)."""

    def __init__(self, d=64, heads=4, ffn=128):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.norm1 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ffn)
        self.ff2 = nn.Linear(ffn, d)
        self.norm2 = nn.LayerNorm(d)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)

        def split(t):
            return t.view(b, s, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(q), split(k), split(v)
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        context = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, s, d)
        x = self.norm1(x + self.drop(self.out(context)))
        return self.norm2(x + self.ff2(F.gelu(self.ff1(x))))


def randomize_batch_norms(module):
    """Statistics other than the initial zeros and ones, so folding shows."""
    generator = torch.Generator().manual_seed(7)
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5, generator=generator)
            m.running_var.uniform_(0.5, 2.0, generator=generator)
            m.weight.data.uniform_(0.5, 1.5, generator=generator)
            m.bias.data.uniform_(-0.2, 0.2, generator=generator)
    return module


def small_resnet():
    torch.manual_seed(0)
    model = ResNet(widths=(8, 16, 16, 32), blocks=(1, 1, 1, 1), classes=10)
    return randomize_batch_norms(model).eval(), torch.randn(1, 3, 32, 32)


def test_resnet_matches_torch_with_the_default_lowering(tmp_path):
    model, x = small_resnet()
    program = cwm.from_torch(model, (x,))
    text = str(program)
    # Channels last inside, batch norm folded into the convolutions.
    assert "linalg.conv_2d_nhwc_hwcf" in text
    assert text.count("linalg.conv_2d_nhwc_hwcf") == 12
    # 12 convolutions with a folded bias each and the classifier: no batch
    # norm left as a scale and shift
    assert len(program.weights) == 12 * 2 + 2
    compiled = cwm.compile(program, tmp_path / "resnet.so")
    with torch.no_grad():
        expected = model(x)
    out = compiled(x)
    assert isinstance(out, torch.Tensor) and out.shape == expected.shape
    torch.testing.assert_close(out, expected, rtol=1e-4, atol=1e-4)
    # The weights lie beside the object: loading it binds them again.
    again = cwm.load(tmp_path / "resnet.so")
    torch.testing.assert_close(again(x), out, rtol=0, atol=0)
    # numpy in, numpy out
    np.testing.assert_allclose(compiled(x.numpy()), expected.numpy(), rtol=1e-4, atol=1e-4)


def test_tuned_resnet18_matches_torch(tmp_path):
    """ResNet-18 as torchvision builds it (widths 64-512, two blocks per
    stage), at 64 x 64 to keep the test short: tuned (a small budget over
    its tasks), compiled with the best schedules, called like the module."""
    torch.manual_seed(0)
    model = randomize_batch_norms(ResNet()).eval()
    x = torch.randn(1, 3, 64, 64)
    program = cwm.from_torch(model, (x,))
    path = tmp_path / "tune.jsonl"
    result = cwm.tune(program, budget=48, database=str(path), cost_model="random",
                      batch=2, min_time=0.01, seed=5)
    assert sum(t["trials_measured"] for t in result.report["tasks"]) >= 24
    database = cwm.Database(str(path))
    classes = {w["task"]["op_class"] for w in database.workloads()}
    assert {"conv2d", "matmul"} <= classes, classes
    compiled = cwm.compile(program, tmp_path / "tuned.so", database=str(path))
    with torch.no_grad():
        expected = model(x)
    torch.testing.assert_close(compiled(x), expected, rtol=1e-4, atol=1e-4)


def test_transformer_encoder_matches_torch(tmp_path):
    torch.manual_seed(1)
    model = Encoder().eval()
    x = torch.randn(2, 10, 64)
    program = cwm.from_torch(model, x)
    text = str(program)
    assert "linalg.batch_matmul" in text and "linalg.softmax" in text
    assert "tensor.extract_slice" in text  # the chunked QKV projection
    compiled = cwm.compile(program, tmp_path / "encoder.so")
    with torch.no_grad():
        expected = model(x)
    torch.testing.assert_close(compiled(x), expected, rtol=1e-4, atol=1e-4)


class Mixed(nn.Module):
    """Grouped, depthwise and strided convolutions with a bias, functional
    ops, broadcasting against per-channel tensors, a channel softmax, mean
    pooling by mean(), and a reshape of spatial data (NCHW order)."""

    def __init__(self):
        super().__init__()
        self.grouped = nn.Conv2d(8, 12, 3, 1, 1, groups=2)
        self.depthwise = nn.Conv2d(12, 12, 3, 2, 1, groups=12)
        self.scale = nn.Parameter(torch.rand(1, 12, 1, 1) + 0.5)
        self.bn = nn.BatchNorm2d(12)
        self.pool = nn.AvgPool2d(2)
        self.fc = nn.Linear(12 * 3 * 3, 5)

    def forward(self, x):
        y = F.hardswish(self.grouped(x))
        y = F.relu6(self.depthwise(y)) * self.scale - 0.25
        y = self.bn(torch.sigmoid(y) + y)  # not after a conv: scale and shift
        y = self.pool(y)
        z = y.mean((2, 3), keepdim=True)
        y = torch.softmax(y + z, dim=1)
        return F.silu(self.fc(y.flatten(1)))


def test_mixed_layers_match_torch(tmp_path):
    torch.manual_seed(2)
    model = randomize_batch_norms(Mixed()).eval()
    x = torch.randn(2, 8, 12, 12)
    program = cwm.from_torch(model, (x,))
    text = str(program)
    assert "linalg.conv_2d_nhwgc_gfhwc" in text
    assert "linalg.depthwise_conv_2d_nhwc_hwc" in text
    compiled = cwm.compile(program, tmp_path / "mixed.so")
    with torch.no_grad():
        expected = model(x)
    torch.testing.assert_close(compiled(x), expected, rtol=1e-4, atol=1e-4)


class Unsupported(nn.Module):
    def forward(self, x):
        return torch.cumsum(x, 1)


def test_what_cannot_be_taken_is_named():
    with pytest.raises(cwm.FromTorchError, match="cumsum is not supported.*node 'cumsum'"):
        cwm.from_torch(Unsupported().eval(), torch.randn(2, 3))
    with pytest.raises(cwm.FromTorchError, match="training mode.*eval"):
        cwm.from_torch(nn.Linear(3, 4), torch.randn(2, 3))
    with pytest.raises(cwm.FromTorchError, match="float32"):
        cwm.from_torch(nn.Linear(3, 4).eval(), torch.randn(2, 3, dtype=torch.float64))
    with pytest.raises(cwm.FromTorchError, match="takes .input. after the 0 example inputs"):
        cwm.from_torch(nn.Linear(3, 4).eval(), ())
    with pytest.raises(cwm.FromTorchError, match="returns 2 values"):
        class Two(nn.Module):
            def forward(self, x):
                return x + 1, x - 1
        cwm.from_torch(Two().eval(), torch.randn(2, 3))
    with pytest.raises(cwm.FromTorchError, match="torch.nn.Module"):
        cwm.from_torch(lambda x: x, torch.randn(2, 3))


@pytest.mark.parametrize("batch_first,norm_first", [(True, False), (False, True)])
def test_torch_transformer_encoder_matches_torch(tmp_path, batch_first, norm_first):
    """torch.nn.TransformerEncoder (nn.MultiheadAttention inside), traced
    into down to the attention module; the batch-first one tuned, then
    compiled with the best schedules."""
    torch.manual_seed(3)
    layer = nn.TransformerEncoderLayer(64, 4, 128, batch_first=batch_first,
                                       norm_first=norm_first)
    model = nn.TransformerEncoder(layer, 2).eval()
    x = torch.randn(2, 10, 64) if batch_first else torch.randn(10, 2, 64)
    program = cwm.from_torch(model, x)
    path = None
    if batch_first:  # tuned too (a small budget over its tasks)
        path = tmp_path / "tune.jsonl"
        result = cwm.tune(program, budget=24, database=str(path), cost_model="random",
                          batch=2, min_time=0.01, seed=6)
        assert sum(t["trials_measured"] for t in result.report["tasks"]) >= 12
        classes = {w["task"]["op_class"] for w in cwm.Database(str(path)).workloads()}
        assert {"matmul", "batch_matmul"} <= classes, classes
    compiled = cwm.compile(program, tmp_path / "encoder.so",
                           database=str(path) if path else None)
    with torch.no_grad():
        expected = model(x)
    torch.testing.assert_close(compiled(x), expected, rtol=1e-4, atol=1e-4)
