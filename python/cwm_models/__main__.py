"""python3 -m cwm_models MODEL > model.mlir (MODEL: resnet18, mobilenet_v2, bert_layer)."""

import sys

from . import MODELS


def main(argv):
    if len(argv) != 2 or argv[1] not in MODELS:
        print("usage: python3 -m cwm_models {" + ",".join(MODELS) + "}",
              file=sys.stderr)
        return 2
    _, text = MODELS[argv[1]]()
    sys.stdout.write(text)
    return 0


sys.exit(main(sys.argv))
