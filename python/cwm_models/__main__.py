"""python3 -m cwm_models MODEL > model.mlir (MODEL: resnet18, mobilenet_v2,
bert_layer). The weights (every argument after the input) are marked
`cwm.weight`: a caller that binds them (Function.bind) has what reads only
them computed once."""

import sys

from . import MODELS


def main(argv):
    if len(argv) != 2 or argv[1] not in MODELS:
        print("usage: python3 -m cwm_models {" + ",".join(MODELS) + "}",
              file=sys.stderr)
        return 2
    builder, _ = MODELS[argv[1]]()
    sys.stdout.write(builder.text(mark_weights=True))
    return 0


sys.exit(main(sys.argv))
